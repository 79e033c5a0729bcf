import { authorizationFor, parseChallenges } from '../auth/digest.js';
import { DEFAULT_CREDENTIALS, type DefaultCredential } from '../credentials.js';
import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { excerpt } from '../io/exchange.js';
import { httpRequest, replyExcerpt } from '../io/http.js';
import type { ParsedResponse } from '../io/response.js';
import { rtspRequest, rtspUrl } from '../io/rtsp.js';
import { findFirst, onvifCall } from '../onvif/soap.js';
import type { AuditCheck, CheckContext, Evidence, Target } from '../types.js';
import { onvifClock, onvifEndpoints } from './onvif-info.js';
import { rtspChallenge } from './rtsp-describe.js';
import { openPortsOf } from './tcp-ports.js';

type Outcome = 'accepted' | 'rejected' | 'locked' | 'inconclusive';

/**
 * Published default credentials, standard protocols first (CAMERAS.md §2.7): RTSP DESCRIBE with
 * Digest/Basic, then ONVIF WS-UsernameToken, then the vendor web login only as a fallback. Each
 * attempt is taken from the per-device budget; the first lockout sign stops every further attempt.
 */
export const defaultCredentials: AuditCheck = {
  id: 'default-credentials',
  async check(target, ctx) {
    const creds = DEFAULT_CREDENTIALS[target.facts.vendor];
    for (const method of [viaRtsp, viaOnvif, viaWeb]) {
      const r = await method(target, ctx, creds);
      if (r === 'inconclusive') continue;
      if (r === 'locked') {
        ctx.budget.markLocked(target.address);
        target.facts.locked = true;
        target.facts.notes.push('credentials: lockout sign seen; no further attempt');
      }
      return;
    }
  },
};

function report(
  target: Target,
  ctx: CheckContext,
  cred: DefaultCredential,
  port: number,
  proto: string,
  ev: Evidence,
) {
  target.facts.defaultUser = cred.username;
  ctx.report(
    finding(target, 'default-credentials', {
      key: 'default-credentials',
      port,
      severity: 'critical',
      confidence: 'confirmed',
      title: {
        vi: `Thiết bị chấp nhận mật khẩu mặc định đã công bố của hãng cho tài khoản "${cred.username}" (${proto}; mục ${cred.ref})`,
        en: `The device accepts the vendor's published default password for "${cred.username}" (${proto}; entry ${cred.ref})`,
      },
      criteria: [...BREAKS.defaultPassword],
      remedy: REMEDY.defaultPassword,
      evidence: [ev],
    }),
  );
}

const lockSign = (res: ParsedResponse | undefined) =>
  !!res &&
  ([403, 423, 429, 503].includes(res.status) ||
    /\blocked\b|<lockStatus>\s*lock\s*</i.test(res.body.subarray(0, 2048).toString('latin1')));

async function viaRtsp(target: Target, ctx: CheckContext, creds: DefaultCredential[]): Promise<Outcome> {
  const start = rtspChallenge.get(target);
  if (!start || target.facts.rtspAcceptsAnyPath) return 'inconclusive';
  let challenge = start.reply.res?.headers.get('www-authenticate') ?? [];
  for (const cred of creds) {
    if (!ctx.budget.spend(target.address, 'rtsp')) return 'rejected';
    const uri = rtspUrl(target.address, start.port, start.path);
    const auth = authorizationFor(parseChallenges(challenge), cred, 'DESCRIBE', uri);
    if (!auth) return 'inconclusive';
    const r = await rtspRequest(ctx, target.address, start.port, {
      method: 'DESCRIBE',
      path: start.path,
      authorization: auth,
    });
    const status = r.res?.status ?? 0;
    // 404 after authentication counts: the password was right, the path was not (401 before 404).
    if (status === 200 || status === 404) {
      report(
        target,
        ctx,
        cred,
        start.port,
        'RTSP',
        evidence('rtsp', target, start.port, r.request, excerpt(r.raw, 300)),
      );
      return 'accepted';
    }
    if (lockSign(r.res)) return 'locked';
    if (status !== 401) return 'inconclusive';
    challenge = r.res?.headers.get('www-authenticate') ?? challenge;
  }
  return 'rejected';
}

async function viaOnvif(target: Target, ctx: CheckContext, creds: DefaultCredential[]): Promise<Outcome> {
  const [ep] = target.facts.onvifUrls.length ? await onvifEndpoints(target, ctx) : [];
  if (!ep) return 'inconclusive';
  // An operation the device protects: GetUsers if device information is public, else GetDeviceInformation.
  const probe = await onvifCall(ctx, ep, 'GetDeviceInformation');
  const op = probe.res?.status === 200 ? 'GetUsers' : 'GetDeviceInformation';
  if (op === 'GetUsers') {
    const open = await onvifCall(ctx, ep, 'GetUsers');
    if (open.res?.status === 200) return 'inconclusive';
  }
  for (const cred of creds) {
    if (!ctx.budget.spend(target.address, 'onvif')) return 'rejected';
    const r = await onvifCall(ctx, ep, op, { ...cred, clockOffsetMs: onvifClock.get(target) ?? 0 });
    if (r.res?.status === 200 && findFirst(r.xml, `${op}Response`) !== undefined) {
      report(
        target,
        ctx,
        cred,
        ep.port,
        'ONVIF',
        evidence('onvif', target, ep.port, r.request, replyExcerpt(r, 300)),
      );
      return 'accepted';
    }
    if (lockSign(r.res) && !/NotAuthorized/i.test(r.fault ?? '')) return 'locked';
  }
  return 'rejected';
}

/** Vendor web login, only when neither RTSP nor ONVIF could answer (Hikvision ISAPI userCheck). */
async function viaWeb(target: Target, ctx: CheckContext, creds: DefaultCredential[]): Promise<Outcome> {
  if (target.facts.vendor !== 'hikvision') return 'inconclusive';
  const [port] = openPortsOf(target.facts, ctx.ports, 'http');
  if (port === undefined) return 'inconclusive';
  const path = '/ISAPI/Security/userCheck';
  let first = await httpRequest(ctx, target.address, port, { path });
  for (const cred of creds) {
    const challenges = parseChallenges(first.res?.headers.get('www-authenticate') ?? []);
    const auth = authorizationFor(challenges, cred, 'GET', path);
    if (first.res?.status !== 401 || !auth) return 'inconclusive';
    if (!ctx.budget.spend(target.address, 'http')) return 'rejected';
    const r = await httpRequest(ctx, target.address, port, { path, headers: { Authorization: auth } });
    if (r.res?.status === 200 && /<statusValue>\s*200/.test(r.res.body.toString('latin1'))) {
      report(
        target,
        ctx,
        cred,
        port,
        'HTTP ISAPI',
        evidence('http', target, port, r.request, replyExcerpt(r, 300)),
      );
      return 'accepted';
    }
    if (lockSign(r.res) && r.res?.status !== 401) return 'locked';
    first = r;
  }
  return 'rejected';
}
