import { createHash } from 'node:crypto';
import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { followRedirect, httpRequest, replyExcerpt } from '../io/http.js';
import { header } from '../io/response.js';
import type { AuditCheck, CheckContext, Target } from '../types.js';
import { openPortsOf } from './tcp-ports.js';
import { vendorFromText } from './vendor.js';

/**
 * HTTP fingerprint without credentials: `Server`, `<title>`, the 401 realm and the favicon MD5 of each
 * open web port; one redirect is followed only inside the scope. Also reports web access over plain
 * HTTP when no HTTPS port is open (secure-channel criterion).
 */
export const httpFingerprint: AuditCheck = {
  id: 'http-fingerprint',
  async check(target, ctx) {
    const ports = openPortsOf(target.facts, ctx.ports, 'http');
    let plainEvidence: ReturnType<typeof evidence> | undefined;
    for (const port of ports) {
      const seen = await fingerprintPort(target, ctx, port);
      if (seen && !plainEvidence) plainEvidence = seen;
    }
    if (plainEvidence && openPortsOf(target.facts, ctx.ports, 'https').length === 0) {
      ctx.report(
        finding(target, 'http-fingerprint', {
          key: 'plaintext-http',
          port: plainEvidence.port,
          severity: 'medium',
          confidence: 'confirmed',
          title: {
            vi: 'Giao diện web chỉ có HTTP, không mã hóa (không có HTTPS)',
            en: 'Web interface over plain HTTP only (no HTTPS)',
          },
          criteria: [...BREAKS.plaintext],
          remedy: REMEDY.plaintext,
          evidence: [plainEvidence],
        }),
      );
    }
  },
};

async function fingerprintPort(target: Target, ctx: CheckContext, port: number) {
  let reply = await httpRequest(ctx, target.address, port, { path: '/' });
  if (!reply.res) {
    if (reply.raw.length > 0)
      target.facts.notes.push(`http ${port}: not HTTP (${reply.stop}) ${replyExcerpt(reply, 80)}`);
    return undefined;
  }
  const first = reply;
  const next = await followRedirect(ctx, reply, { address: target.address, port });
  if (next && 'refused' in next)
    target.facts.notes.push(`http ${port}: redirect not followed (${next.refused})`);
  else if (next?.res) reply = next;
  const res = reply.res ?? first.res;
  if (!res) return undefined;
  const body = res.body.subarray(0, 65_536).toString('latin1');
  const realm = /realm="?([^",]*)/i.exec(header(res, 'www-authenticate') ?? '')?.[1];
  const info = {
    status: res.status,
    server: header(res, 'server')?.slice(0, 120),
    title: /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body)?.[1]?.trim(),
    realm: realm?.slice(0, 120),
    faviconMd5: await favicon(target, ctx, port),
  };
  target.facts.http[port] = info;
  if (target.facts.vendor === 'unknown') {
    target.facts.vendor = vendorFromText(
      `${info.server ?? ''} ${info.title ?? ''} ${info.realm ?? ''} ${body.slice(0, 4096)}`,
    );
  }
  return evidence('http', target, port, first.request, replyExcerpt(first, 400));
}

async function favicon(target: Target, ctx: CheckContext, port: number): Promise<string | undefined> {
  const r = await httpRequest(ctx, target.address, port, { path: '/favicon.ico' });
  if (r.res?.status !== 200 || r.res.body.length === 0) return undefined;
  return createHash('md5').update(r.res.body).digest('hex');
}
