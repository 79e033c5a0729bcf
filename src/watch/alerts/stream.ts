import type { FastifyReply, FastifyRequest } from 'fastify';
import { isInScope } from '../../core/access';
import { loadUnitInScope } from '../../units/service';
import { type AlertChange, subscribeAlerts } from './live';

const HEARTBEAT_MS = 20_000;

/**
 * Server-Sent Events of alert changes in the caller's scope (or one unit's subtree). A comment line
 * every 20 s keeps proxies from closing an idle stream; EventSource reconnects by itself.
 */
export async function streamAlerts(
  req: FastifyRequest,
  reply: FastifyReply,
  query: { unitId?: string | undefined; limit?: number | undefined },
): Promise<void> {
  const scopePath = query.unitId ? (await loadUnitInScope(req.ctx, query.unitId)).path : req.ctx.unitPath;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
  let sent = 0;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    res.end();
  };
  const unsubscribe = subscribeAlerts((change: AlertChange) => {
    if (closed || !isInScope({ unitPath: scopePath }, change.unitPath)) return;
    res.write(
      `id: ${change.alert.id}:${change.alert.updatedAt.getTime()}\nevent: alert\ndata: ${JSON.stringify({ type: change.type, alert: change.alert })}\n\n`,
    );
    sent++;
    if (query.limit !== undefined && sent >= query.limit) close();
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  req.raw.on('close', close);
  if (query.limit === 0) close();
}
