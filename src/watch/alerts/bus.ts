import type { Logger } from 'pino';
import type { Database, Executor } from '../../db/client';
import { listenDatabase, notifyDatabase } from '../../db/notify';
import { wakeJobWorkers } from '../../jobs/wake';
import { JOBS_QUEUED_CHANNEL } from '../../notify/node-wake';
import { type AlertChange, publishAlert, subscriberCount } from './live';
import { alertChangeAt, journalAlertChange, pruneAlertChanges } from './queries';
import { toWatchAlert } from './to-watch-alert';

/** Alert changes of every node: sent in the changing transaction, so only committed changes are heard. */
export const ALERTS_CHANNEL = 'canhgac_watch_alerts';

type Notice = { type: AlertChange['type']; id: string; seq: number };

/** How long the journal keeps changes: far beyond the replay's reach (see stream.ts). */
const JOURNAL_KEEP_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The LAST statement of the transaction that raised or changed the alert: the change goes into the
 * stream's journal (for replay after a reconnect, on any node) and every node's SSE clients hear it at
 * commit. Last, because the journal's lock is then held only for the commit itself.
 */
export async function announceAlertChange(db: Executor, type: Notice['type'], id: string): Promise<number> {
  const seq = await journalAlertChange(db, id, type);
  await notifyDatabase(db, ALERTS_CHANNEL, JSON.stringify({ type, id, seq } satisfies Notice));
  return seq;
}

function parseNotice(payload: string): Notice | undefined {
  try {
    const value = JSON.parse(payload) as Partial<Notice>;
    if (
      typeof value.id !== 'string' ||
      !Number.isSafeInteger(value.seq) ||
      !['raised', 'repeated', 'updated'].includes(value.type ?? '')
    )
      return undefined;
    return value as Notice;
  } catch {
    return undefined;
  }
}

/**
 * This node's ear on the database: alert notices become local SSE events (the row is read here, as
 * committed; a payload carries only the id, since PostgreSQL caps it at 8 kB), and "jobs queued" wakes
 * the local job worker. Started by the HTTP app; returns its stop.
 */
export async function startWatchBus(database: Database, log: Logger): Promise<() => Promise<void>> {
  const busLog = log.child({ cap: 'watch-bus' });
  const onAlert = async (notice: Notice) => {
    // No SSE client on this node: nobody to read the row for.
    if (subscriberCount() === 0) return;
    // The journal row, not the alert now: a later change committed meanwhile is relayed on its own.
    const row = await alertChangeAt(database.db, notice.seq);
    if (row) publishAlert({ type: row.type, alert: toWatchAlert(row), unitPath: row.unitPath, seq: row.seq });
  };
  let relay: Promise<void> = Promise.resolve();
  const listener = await listenDatabase(
    database,
    [ALERTS_CHANNEL, JOBS_QUEUED_CHANNEL],
    (channel, payload) => {
      if (channel === JOBS_QUEUED_CHANNEL) return wakeJobWorkers();
      const notice = parseNotice(payload);
      if (!notice) return busLog.warn({ payload: payload.slice(0, 200) }, 'unreadable alert notice');
      // One at a time, in the order heard (= commit order): a stream drops ids it has passed.
      relay = relay.then(() =>
        onAlert(notice).catch((err) => busLog.warn({ err, alertId: notice.id }, 'alert notice not relayed')),
      );
    },
    // Notices sent while the session was down are lost; queued jobs are not: wake the worker to look.
    { log: busLog, onReconnect: wakeJobWorkers },
  );
  // Every node prunes (idempotent): no node is special.
  const prune = setInterval(() => {
    pruneAlertChanges(database.db, new Date(Date.now() - JOURNAL_KEEP_MS)).catch((err) =>
      busLog.warn({ err }, 'alert journal not pruned'),
    );
  }, PRUNE_EVERY_MS);
  prune.unref();
  return () => {
    clearInterval(prune);
    return listener.close();
  };
}
