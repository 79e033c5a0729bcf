import type { CheckContext } from '../types.js';
import { excerpt, type StopReason, tcpExchange } from './exchange.js';
import { type ParsedResponse, parseResponse, responseComplete } from './response.js';

export type RtspReply = { res?: ParsedResponse; stop: StopReason; request: string; raw: Buffer };

let cseq = 1;

/**
 * One RTSP request (OPTIONS or DESCRIBE only: SETUP/PLAY would pull video, which the audit never does).
 * A new connection per request; the engine runs one device's checks in sequence, so a device never
 * sees two audit connections at once.
 */
export async function rtspRequest(
  ctx: CheckContext,
  address: string,
  port: number,
  opts: { method: 'OPTIONS' | 'DESCRIBE'; path: string; authorization?: string },
): Promise<RtspReply> {
  const url = rtspUrl(address, port, opts.path);
  const lines = [`${opts.method} ${url} RTSP/1.0`, `CSeq: ${cseq++}`, 'User-Agent: canh-gac-camera-audit'];
  if (opts.method === 'DESCRIBE') lines.push('Accept: application/sdp');
  if (opts.authorization) lines.push(`Authorization: ${opts.authorization}`);
  const request = `${lines.join('\r\n')}\r\n\r\n`;
  const r = await tcpExchange(ctx, address, port, {
    protocol: 'rtsp',
    payload: request,
    complete: (d) => responseComplete(d, { bodyUntilClose: false }),
    summary: `${opts.method} ${opts.path}`,
  });
  const redacted = request.replace(/^(Authorization:\s*\w+)\s.*$/gim, '$1 <redacted>');
  return {
    res: parseResponse(r.data, ctx.limits.maxHeaderBytes),
    stop: r.stop,
    request: excerpt(redacted),
    raw: r.data,
  };
}

export function rtspUrl(address: string, port: number, path: string): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `rtsp://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
}

/** True for a reply that carries a session description with at least one media line. */
export function hasSdp(res: ParsedResponse | undefined): boolean {
  if (res?.status !== 200) return false;
  const type = res.headers.get('content-type')?.[0] ?? '';
  return /application\/sdp/i.test(type) && /^m=(video|audio)/m.test(res.body.toString('latin1'));
}
