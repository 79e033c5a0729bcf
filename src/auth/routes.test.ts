import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, bearer, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { auditLog } from '../core/schema';
import { users } from '../users/schema';
import { apiTokens } from './schema';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp({ trustProxy: true });
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

const signInRaw = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, headers });

describe('sign-in and sessions', () => {
  it('sets an httpOnly, SameSite=Strict cookie; Secure only when reached over HTTPS', async () => {
    const plain = await signInRaw('admin', ADMIN_PASSWORD);
    const cookie = plain.cookies.find((c) => c.name === 'cg_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const viaProxy = await signInRaw('admin', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(viaProxy.cookies.find((c) => c.name === 'cg_session')!.secure).toBe(true);
  });

  it('refuses a wrong password with 401 and audits the failure without the password', async () => {
    const res = await signInRaw('admin', 'wrong-password-xyz');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign_in_failed'));
    expect(rows.at(-1)!.details).toMatchObject({ username: 'admin', reason: 'wrong-password' });
    expect(JSON.stringify(rows)).not.toContain('wrong-password-xyz');
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const res = await signInRaw('nobody-here', 'whatever-password');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account after 5 failures, even against the right password, and backs off', async () => {
    const unit = await buildUnit(t.sys, { parentId: t.root.id });
    const user = await buildUser(t.sys, { unitId: unit.id, role: 'viewer' });
    for (let i = 0; i < 5; i++) await signInRaw(user.username, 'wrong-password-1');
    const locked = await signInRaw(user.username, USER_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(locked.json().message).toMatch(/thử lại sau \d+ giây/);
    // Once the lock has passed, the right password works and the counter resets.
    await t.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    expect((await signInRaw(user.username, USER_PASSWORD)).statusCode).toBe(200);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.failedLogins).toBe(0);
  });

  it('refuses a cookie write without the CSRF header, accepts it with the header', async () => {
    const body = { parentId: t.root.id, code: 'CSRF-1', name: 'x', kind: 'school' };
    const bare = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      payload: body,
      headers: { cookie: admin.cookie },
    });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().code).toBe('CSRF_FAILED');
    const wrong = await admin.request('POST', '/api/units', body, { 'x-csrf-token': 'forged' });
    expect(wrong.json().code).toBe('CSRF_FAILED');
    expect((await admin.request('POST', '/api/units', body)).statusCode).toBe(201);
  });

  it('sign-out ends the session', async () => {
    const agent = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    expect((await agent.request('POST', '/api/auth/sign-out')).statusCode).toBe(200);
    expect((await agent.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('a disabled user cannot sign in and loses open sessions', async () => {
    const unit = await buildUnit(t.sys, { parentId: t.root.id });
    const user = await buildUser(t.sys, { unitId: unit.id, role: 'viewer' });
    const agent = await signIn(t.app, user.username, USER_PASSWORD);
    expect((await admin.request('PATCH', `/api/users/${user.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await agent.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await signInRaw(user.username, USER_PASSWORD)).statusCode).toBe(401);
  });
});

describe('generated passwords', () => {
  it('forces a change before anything else, then works with the new password only', async () => {
    const created = await admin.request('POST', '/api/users', {
      unitId: t.root.id,
      username: 'newcomer',
      displayName: 'Người mới',
      role: 'on_duty',
    });
    expect(created.statusCode).toBe(201);
    const generated = created.json().generatedPassword as string;
    expect(generated).toHaveLength(20);
    const agent = await signIn(t.app, 'newcomer', generated);
    const blocked = await agent.request('GET', '/api/units');
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await agent.request('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const same = await agent.request('POST', '/api/auth/password', {
      currentPassword: generated,
      newPassword: generated,
    });
    expect(same.json().code).toBe('WEAK_PASSWORD');
    const short = await agent.request('POST', '/api/auth/password', {
      currentPassword: generated,
      newPassword: 'short-1',
    });
    expect(short.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'body.newPassword' }],
    });
    const changed = await agent.request('POST', '/api/auth/password', {
      currentPassword: generated,
      newPassword: 'A-much-better-passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect((await agent.request('GET', '/api/units')).statusCode).toBe(200);
    expect((await signInRaw('newcomer', generated)).statusCode).toBe(401);
    expect((await signInRaw('newcomer', 'A-much-better-passphrase')).statusCode).toBe(200);
  });

  it('the last admin cannot be demoted or disabled', async () => {
    const me = (await admin.request('GET', '/api/auth/me')).json();
    const res = await admin.request('PATCH', `/api/users/${me.user.id}`, { role: 'viewer' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('LAST_ADMIN');
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only a hash, records use, and stops working when revoked', async () => {
    const created = await admin.request('POST', '/api/tokens', {
      name: 'log shipper',
      unitId: t.root.id,
      role: 'viewer',
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).not.toContain(secret);
    expect(JSON.stringify((await admin.request('GET', '/api/tokens')).json())).not.toContain(secret);
    expect(row!.lastUsedAt).toBeNull();

    const call = bearer(t.app, secret);
    expect((await call('GET', '/api/units')).statusCode).toBe(200);
    const [used] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    // A viewer token cannot write, and needs no CSRF header to read.
    expect(
      (
        await call('POST', '/api/units', { parentId: t.root.id, code: 'T1', name: 'x', kind: 'school' })
      ).json().code,
    ).toBe('FORBIDDEN');

    expect((await admin.request('DELETE', `/api/tokens/${token.id}`)).json().revokedAt).toBeTruthy();
    expect((await call('GET', '/api/units')).statusCode).toBe(401);
  });

  it('refuses an expired token and a made-up one', async () => {
    const created = await admin.request('POST', '/api/tokens', {
      name: 'short',
      unitId: t.root.id,
      role: 'viewer',
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect((await bearer(t.app, created.json().secret)('GET', '/api/units')).statusCode).toBe(401);
    expect((await bearer(t.app, 'cg_made-up')('GET', '/api/units')).statusCode).toBe(401);
  });

  it('a unit officer cannot mint an admin token', async () => {
    const unit = await buildUnit(t.sys, { parentId: t.root.id });
    const officer = await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer' });
    const agent = await signIn(t.app, officer.username, USER_PASSWORD);
    const res = await agent.request('POST', '/api/tokens', { name: 'x', unitId: unit.id, role: 'admin' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ROLE_ABOVE_OWN');
  });
});
