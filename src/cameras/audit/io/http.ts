import type { CheckContext } from '../types.js';
import { excerpt, type StopReason, tcpExchange } from './exchange.js';
import { type ParsedResponse, parseResponse, responseComplete } from './response.js';

export type HttpReply = {
  res?: ParsedResponse;
  stop: StopReason;
  request: string;
  raw: Buffer;
};

/**
 * One HTTP/1.1 request over a scope-guarded socket (`Connection: close`, every limit applied).
 * Redirects are not followed here: a caller that wants to follow `Location` checks it with
 * `ctx.scope.checkUrl` first (see followRedirect).
 */
export async function httpRequest(
  ctx: CheckContext,
  address: string,
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; summary?: string },
): Promise<HttpReply> {
  const method = opts.method ?? 'GET';
  const hostHeader = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  const head = [
    `${method} ${opts.path} HTTP/1.1`,
    `Host: ${hostHeader}`,
    'User-Agent: canh-gac-camera-audit',
    'Connection: close',
  ];
  for (const [k, v] of Object.entries(opts.headers ?? {})) head.push(`${k}: ${v}`);
  if (opts.body !== undefined) head.push(`Content-Length: ${Buffer.byteLength(opts.body)}`);
  const request = `${head.join('\r\n')}\r\n\r\n${opts.body ?? ''}`;
  const r = await tcpExchange(ctx, address, port, {
    protocol: 'http',
    payload: request,
    complete: (d) => responseComplete(d, { bodyUntilClose: true }),
    summary: opts.summary ?? `${method} ${opts.path}`,
  });
  return {
    res: parseResponse(r.data, ctx.limits.maxHeaderBytes),
    stop: r.stop,
    request: redact(request),
    raw: r.data,
  };
}

/** Evidence text of a request: Authorization values are replaced so that no secret is stored. */
export function redact(request: string): string {
  return excerpt(
    request
      .replace(/^(Authorization:\s*\w+)\s.*$/gim, '$1 <redacted>')
      .replace(/<(\w+:)?Password[^>]*>[^<]*<\/(\w+:)?Password>/g, '<Password>…</Password>'),
    800,
  );
}

/** Evidence text of a reply: status line, headers and the start of the body. */
export function replyExcerpt(reply: { raw: Buffer }, max = 600): string {
  return excerpt(reply.raw, max);
}

/**
 * Follows one redirect only when the Location is inside the scope; a Location outside it is refused
 * by the guard (nothing is sent) and the refusal is noted by the caller.
 */
export async function followRedirect(
  ctx: CheckContext,
  reply: HttpReply,
  base: { address: string; port: number },
): Promise<HttpReply | { refused: string } | undefined> {
  const status = reply.res?.status ?? 0;
  const location = reply.res?.headers.get('location')?.[0];
  if (status < 300 || status > 399 || !location) return undefined;
  const absolute = new URL(location, `http://${base.address}:${base.port}/`).toString();
  try {
    const { url, address, port } = await ctx.scope.checkUrl(absolute, 'HTTP redirect');
    if (url.protocol !== 'http:') return undefined;
    return await httpRequest(ctx, address, port, {
      path: `${url.pathname}${url.search}`,
      summary: 'redirect',
    });
  } catch (err) {
    return { refused: err instanceof Error ? err.message : String(err) };
  }
}
