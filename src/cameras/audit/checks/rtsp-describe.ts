import { randomBytes } from 'node:crypto';
import { RTSP_PATHS } from '../credentials.js';
import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { excerpt } from '../io/exchange.js';
import { header } from '../io/response.js';
import { hasSdp, type RtspReply, rtspRequest } from '../io/rtsp.js';
import type { AuditCheck, CheckContext, Target } from '../types.js';
import { openPortsOf } from './tcp-ports.js';
import { vendorFromText } from './vendor.js';

/** The last 401 seen on an RTSP path, reused by the credential check (its nonce is fresh). */
export const rtspChallenge = new WeakMap<Target, { port: number; path: string; reply: RtspReply }>();

/**
 * Unauthenticated RTSP: OPTIONS (reads `Server`), then DESCRIBE of a random path to calibrate, then
 * DESCRIBE of the vendor's usual paths. A 200 + SDP on a real path is reported only when the random
 * path was *not* answered 200: a device that accepts any path (Hipcam, some XM) cannot be judged that
 * way and is noted as inconclusive instead (cameradar#438, curl#7323).
 */
export const rtspDescribe: AuditCheck = {
  id: 'rtsp-describe',
  async check(target, ctx) {
    for (const port of openPortsOf(target.facts, ctx.ports, 'rtsp')) {
      const options = await rtspRequest(ctx, target.address, port, { method: 'OPTIONS', path: '/' });
      if (!options.res) {
        if (options.raw.length)
          target.facts.notes.push(`rtsp ${port}: not RTSP (${options.stop}) ${excerpt(options.raw, 80)}`);
        continue;
      }
      target.facts.rtspPort = port;
      target.facts.rtspServer = header(options.res, 'server')?.slice(0, 120);
      if (target.facts.vendor === 'unknown')
        target.facts.vendor = vendorFromText(target.facts.rtspServer ?? '');
      await probePaths(target, ctx, port);
      return;
    }
  },
};

async function probePaths(target: Target, ctx: CheckContext, port: number) {
  const random = `/canhgac-${randomBytes(6).toString('hex')}`;
  const calib = await rtspRequest(ctx, target.address, port, { method: 'DESCRIBE', path: random });
  const calibStatus = calib.res?.status ?? 0;
  if (calibStatus === 200) {
    target.facts.rtspAcceptsAnyPath = true;
    target.facts.notes.push(
      `rtsp ${port}: answers 200 to a random path (${random}); unauthenticated access cannot be judged`,
    );
    return;
  }
  const paths = RTSP_PATHS[target.facts.vendor].slice(0, 4);
  for (const path of paths) {
    const r = await rtspRequest(ctx, target.address, port, { method: 'DESCRIBE', path });
    const status = r.res?.status ?? 0;
    if (hasSdp(r.res)) {
      target.facts.rtspPath = path;
      ctx.report(unauthFinding(target, port, calib, r));
      return;
    }
    if (status === 401) {
      target.facts.rtspPath ??= path;
      rtspChallenge.set(target, { port, path, reply: r });
      // With "401 before 404" every path says 401: the first vendor path is as good as any.
      if (calibStatus !== 401) return;
    }
  }
  if (!target.facts.rtspPath && calibStatus === 401) {
    target.facts.rtspPath = paths[0];
    rtspChallenge.set(target, { port, path: paths[0] ?? '/', reply: calib });
  }
}

function unauthFinding(target: Target, port: number, calib: RtspReply, r: RtspReply) {
  return finding(target, 'rtsp-describe', {
    key: 'rtsp-unauthenticated',
    port,
    severity: 'high',
    confidence: 'confirmed',
    title: {
      vi: 'Xem được luồng video RTSP mà không cần mật khẩu',
      en: 'RTSP video stream open without a password',
    },
    criteria: [...BREAKS.noAuth],
    remedy: REMEDY.noAuth,
    evidence: [
      evidence('rtsp', target, port, calib.request, excerpt(calib.raw, 200)),
      evidence('rtsp', target, port, r.request, excerpt(r.raw, 600)),
    ],
  });
}
