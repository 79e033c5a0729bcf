import { randomBytes } from 'node:crypto';
import { digestResponse, parseChallenges } from '../../../src/cameras/audit/auth/digest.js';
import { passwordDigest } from '../../../src/cameras/audit/auth/ws-username-token.js';
import type { Profile } from './profiles.js';

/**
 * The simulated device's account state: checks Basic/Digest/WS-UsernameToken answers, counts
 * failures and locks after `lockAfter` (CAMERAS.md §2.7), keeps a nonce cache against replay.
 * `curl --digest`, ffprobe and the `onvif` npm client check that these verifiers are honest.
 */
export class DeviceAccounts {
  failures = 0;
  locked = false;
  attemptsWhileLocked = 0;
  attempts = 0;
  private readonly nonces = new Set<string>();
  private readonly seenWsNonces = new Set<string>();

  constructor(readonly profile: Profile) {}

  challenge(scheme: 'basic' | 'digest', realm: string): string {
    if (scheme === 'basic') return `Basic realm="${realm}"`;
    const nonce = randomBytes(16).toString('hex');
    this.nonces.add(nonce);
    return `Digest realm="${realm}", nonce="${nonce}", qop="auth"`;
  }

  /** 'ok' | 'fail' | 'none' (no credentials sent) | 'locked'. */
  checkHttpAuth(
    header: string | undefined,
    method: string,
    realm: string,
  ): 'ok' | 'fail' | 'none' | 'locked' {
    if (!header) return 'none';
    this.attempts++;
    if (this.locked) {
      this.attemptsWhileLocked++;
      return 'locked';
    }
    const ok = this.verifyHeader(header, method, realm);
    return ok ? 'ok' : this.fail();
  }

  private verifyHeader(header: string, method: string, realm: string): boolean {
    if (/^basic /i.test(header)) {
      const [user, ...rest] = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':');
      return this.match(user ?? '', rest.join(':'));
    }
    const [c] = parseChallenges([header]);
    if (c?.scheme !== 'digest') return false;
    const p = c.params;
    if (!p.nonce || !this.nonces.has(p.nonce)) return false;
    const account = this.profile.accounts.find((a) => a.username === p.username);
    if (!account) return false;
    const expected = digestResponse({
      username: account.username,
      password: account.password,
      realm,
      nonce: p.nonce,
      method,
      uri: p.uri ?? '',
      qop: p.qop,
      nc: p.nc,
      cnonce: p.cnonce,
    });
    return expected === p.response;
  }

  /** WS-UsernameToken PasswordDigest with a ±5 min clock window and a nonce replay cache. */
  checkUsernameToken(token: {
    username?: string;
    digest?: string;
    nonce?: string;
    created?: string;
  }): 'ok' | 'fail' | 'locked' {
    this.attempts++;
    if (this.locked) {
      this.attemptsWhileLocked++;
      return 'locked';
    }
    const account = this.profile.accounts.find((a) => a.username === token.username);
    const created = Date.parse(token.created ?? '');
    if (!account || !token.nonce || !token.digest || !Number.isFinite(created)) return this.fail();
    if (Math.abs(created - Date.now()) > 5 * 60_000 || this.seenWsNonces.has(token.nonce)) return this.fail();
    this.seenWsNonces.add(token.nonce);
    return passwordDigest(token.nonce, token.created ?? '', account.password) === token.digest
      ? 'ok'
      : this.fail();
  }

  private match(user: string, password: string): boolean {
    return this.profile.accounts.some((a) => a.username === user && a.password === password);
  }

  private fail(): 'fail' {
    this.failures++;
    if (this.profile.lockAfter > 0 && this.failures >= this.profile.lockAfter) this.locked = true;
    return 'fail';
  }
}
