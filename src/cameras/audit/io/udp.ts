import dgram from 'node:dgram';
import type { CheckContext } from '../types.js';

export type Datagram = { from: string; port: number; data: Buffer };

/**
 * Sends one datagram through the scope guard and collects replies for `waitMs`. Unicast uses a
 * connected socket, so that a closed port (ICMP unreachable) ends the wait at once. Replies are kept
 * only from in-scope senders, each cut to `maxBytes`, at most `maxReplies`. Multicast is sent only
 * when the run names a local interface for it (never through the default route).
 */
export async function udpProbe(
  ctx: CheckContext,
  to: { address: string; port: number; multicast?: boolean },
  payload: Buffer,
  opts: { waitMs?: number; maxReplies?: number; maxBytes?: number; summary: string },
): Promise<Datagram[]> {
  if (to.multicast && !ctx.multicastInterface) return [];
  const socket = dgram.createSocket({ type: to.address.includes(':') ? 'udp6' : 'udp4' });
  const replies: Datagram[] = [];
  return ctx.limiter.run(async () => {
    let wake = () => {};
    const stopped = new Promise<void>((resolve) => {
      wake = resolve;
    });
    try {
      socket.on('error', () => wake());
      socket.on('message', (data, rinfo) => {
        if (replies.length >= (opts.maxReplies ?? 16) || !ctx.scope.allows(rinfo.address)) return;
        replies.push({
          from: rinfo.address,
          port: rinfo.port,
          data: data.subarray(0, opts.maxBytes ?? 65_535),
        });
        if (!to.multicast) wake();
      });
      await new Promise<void>((resolve) => socket.bind(0, () => resolve()));
      if (to.multicast) {
        socket.setMulticastInterface(ctx.multicastInterface as string);
        socket.setMulticastTTL(1);
        await ctx.scope.sendUdp(socket, payload, to.port, to.address, opts.summary);
      } else {
        await ctx.scope.connectUdp(socket, to.port, to.address, opts.summary);
        socket.send(payload);
      }
      ctx.sent({ protocol: 'udp', address: to.address, port: to.port, summary: opts.summary });
      await Promise.race([stopped, sleep(opts.waitMs ?? ctx.limits.udpWaitMs, ctx.signal)]);
      return replies;
    } catch {
      return replies;
    } finally {
      socket.close();
    }
  }, ctx.signal);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
