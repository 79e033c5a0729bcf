import type { FastifyReply, FastifyRequest } from 'fastify';
import { isInScope } from '../../core/access';
import { loadUnitInScope } from '../../units/service';
import { type AlertChange, subscribeAlerts } from './live';
import { alertChangesAfter, latestAlertChange, oldestAlertChange } from './queries';
import { toWatchAlert } from './to-watch-alert';

const HEARTBEAT_MS = 20_000;
/** The replay's bounds: a console away longer, or that missed more, reloads its lists instead. */
export const REPLAY_LIMITS = { changes: 500, minutes: 60 };

/** The journal id a reconnecting EventSource sends back; anything else (an old "uuid:ms" id) is none. */
export function parseLastEventId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

type Replay = { changes: AlertChange[]; resync: boolean; cursor: number };

/**
 * What a client that last saw journal id `after` missed, in its scope, oldest first; or, when that is
 * out of reach (older than the bounds, or pruned), "resync" with the newest id, so it reloads once.
 */
async function replayAfter(req: FastifyRequest, scopePath: string | null, after: number): Promise<Replay> {
  const latest = await latestAlertChange(req.ctx.db);
  if (after >= latest) return { changes: [], resync: after > latest, cursor: latest };
  // Pruned past the cursor: what was missed is no longer all there.
  const oldest = await oldestAlertChange(req.ctx.db);
  if (oldest === undefined || oldest > after + 1) return { changes: [], resync: true, cursor: latest };
  const rows = await alertChangesAfter(req.ctx.db, scopePath, after, REPLAY_LIMITS.changes + 1);
  const horizon = Date.now() - REPLAY_LIMITS.minutes * 60_000;
  if (rows.length > REPLAY_LIMITS.changes || (rows[0] && rows[0].at.getTime() < horizon))
    return { changes: [], resync: true, cursor: latest };
  return {
    changes: rows.map((r) => ({ type: r.type, alert: toWatchAlert(r), unitPath: r.unitPath, seq: r.seq })),
    resync: false,
    cursor: latest,
  };
}

/**
 * Server-Sent Events of alert changes in the caller's scope (or one unit's subtree). Each message's id
 * is its journal id; EventSource sends the last one back as Last-Event-ID when it reconnects, and the
 * stream first replays from the database (so from any node) what the client missed, scope enforced by
 * the same unit-path filter as the live path, then continues live, each change once and in order. A
 * comment line every 20 s keeps proxies from closing an idle stream.
 */
export async function streamAlerts(
  req: FastifyRequest,
  reply: FastifyReply,
  query: { unitId?: string | undefined; limit?: number | undefined },
): Promise<void> {
  const scopePath = query.unitId ? (await loadUnitInScope(req.ctx, query.unitId)).path : req.ctx.unitPath;
  const lastEventId = parseLastEventId(req.headers['last-event-id']);
  // Listen before reading the journal: a change committed meanwhile is buffered, not lost.
  let buffer: AlertChange[] | undefined = [];
  let sentUpTo = 0;
  let sent = 0;
  let closed = false;
  const write = (change: AlertChange) => {
    if (closed || change.seq <= sentUpTo || !isInScope({ unitPath: scopePath }, change.unitPath)) return;
    sentUpTo = change.seq;
    reply.raw.write(
      `id: ${change.seq}\nevent: alert\ndata: ${JSON.stringify({ type: change.type, alert: change.alert })}\n\n`,
    );
    sent++;
    if (query.limit !== undefined && sent >= query.limit) close();
  };
  const unsubscribe = subscribeAlerts((change) => (buffer ? buffer.push(change) : write(change)));
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    reply.raw.end();
  };
  let replay: Replay;
  try {
    replay =
      lastEventId === undefined
        ? { changes: [], resync: false, cursor: await latestAlertChange(req.ctx.db) }
        : await replayAfter(req, scopePath, lastEventId);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // A fresh stream (or one told to resync) starts at the newest id; a replayed one keeps its client's
  // id until the replayed messages move it on (a drop mid-replay then resumes where it was).
  const startId = lastEventId === undefined || replay.resync ? `id: ${replay.cursor}\n` : '';
  res.write(`retry: 3000\n${startId}event: ready\ndata: {}\n\n`);
  if (replay.resync) res.write(`event: resync\ndata: {}\n\n`);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  req.raw.on('close', close);
  sentUpTo = lastEventId === undefined || replay.resync ? replay.cursor : lastEventId;
  for (const change of replay.changes) write(change);
  // Every change up to the cursor was committed before the replay's read: the replay had those in scope.
  sentUpTo = Math.max(sentUpTo, replay.cursor);
  const pending = buffer;
  buffer = undefined;
  for (const change of pending) write(change);
  if (query.limit === 0) close();
}
