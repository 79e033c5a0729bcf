import type { CheckContext } from '../types.js';

/** Why a read stopped: every read ends for one of these reasons, never by hanging. */
export type StopReason = 'complete' | 'closed' | 'timeout' | 'too-large' | 'refused' | 'error' | 'aborted';

export type ExchangeResult = { data: Buffer; stop: StopReason; error?: string };

export type ExchangeOptions = {
  protocol: string;
  /** Bytes to send after connecting (nothing for a banner grab). */
  payload?: Buffer | string;
  maxBytes?: number;
  timeoutMs?: number;
  /** After the first bytes, a silence this long ends the read (banners and prompts have no length). */
  idleMs?: number;
  /** True when the bytes so far form a whole reply: the socket is then closed at once. */
  complete?: (data: Buffer) => boolean;
  summary: string;
};

/**
 * One TCP request/response with hard limits: connect through the scope guard, send, read until the
 * reply is complete, the peer closes, `maxBytes` is reached or `timeoutMs` passes (whichever comes
 * first), then destroy the socket. Device misbehaviour ends as a StopReason, never as a throw.
 */
export async function tcpExchange(
  ctx: CheckContext,
  address: string,
  port: number,
  opts: ExchangeOptions,
): Promise<ExchangeResult> {
  const maxBytes = opts.maxBytes ?? ctx.limits.maxHeaderBytes + ctx.limits.maxBodyBytes;
  const timeoutMs = opts.timeoutMs ?? ctx.limits.exchangeTimeoutMs;
  return ctx.limiter.run(async () => {
    let socket: import('node:net').Socket;
    try {
      socket = await ctx.scope.connectTcp(address, port, {
        timeoutMs: ctx.limits.connectTimeoutMs,
        signal: ctx.signal,
        reason: opts.summary,
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      return {
        data: Buffer.alloc(0),
        stop: code === 'NET_SCOPE_REFUSED' ? 'refused' : 'error',
        error: msg(err),
      };
    }
    ctx.sent({ protocol: opts.protocol, address, port, summary: opts.summary });
    return readReply(socket, ctx.signal, { ...opts, maxBytes, timeoutMs });
  }, ctx.signal);
}

function readReply(
  socket: import('node:net').Socket,
  signal: AbortSignal,
  opts: ExchangeOptions & { maxBytes: number; timeoutMs: number },
): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (stop: StopReason, error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(idle);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ data: Buffer.concat(chunks, size), stop, error });
    };
    const timer = setTimeout(() => finish('timeout'), opts.timeoutMs);
    let idle: NodeJS.Timeout | undefined;
    const onAbort = () => finish('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      const room = opts.maxBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (chunk.length >= room) return finish('too-large');
      if (opts.complete?.(Buffer.concat(chunks, size))) return finish('complete');
      if (opts.idleMs !== undefined) {
        clearTimeout(idle);
        idle = setTimeout(() => finish('complete'), opts.idleMs);
      }
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (err) => finish('error', err.message));
    if (opts.payload !== undefined) socket.write(opts.payload);
  });
}

function msg(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Printable excerpt of bytes for evidence: control bytes escaped, cut at `max` characters. */
export function excerpt(data: Buffer | string, max = 600): string {
  const text = typeof data === 'string' ? data : data.subarray(0, max * 2).toString('latin1');
  let clean = '';
  for (const ch of text.slice(0, max + 1)) {
    const c = ch.charCodeAt(0);
    const printable = c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
    clean += printable ? ch : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
