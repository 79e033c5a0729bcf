import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database, Executor } from './client';

/**
 * LISTEN/NOTIFY between the nodes of one database. A notification sent inside a transaction is
 * delivered when (and only if) it commits, to every session listening on its channel, the sender's
 * own included: that is what lets an alert raised on node A reach an SSE client of node B, and a job
 * queued on A wake B's worker. PGlite has the same mechanism inside its one process.
 *
 * Payloads are capped by PostgreSQL at 8,000 bytes: send ids and let each node read the row.
 */
export const MAX_NOTIFY_PAYLOAD = 7900;

export type OnNotify = (channel: string, payload: string) => void;

export type DatabaseListener = {
  /** Stops listening; the PostgreSQL session is closed. */
  close(): Promise<void>;
};

export type ListenOptions = {
  log: Logger;
  /**
   * Called after the PostgreSQL listening session was lost and opened again: notifications sent while
   * it was down are gone, so a caller re-reads what it must not miss (workers poll anyway).
   */
  onReconnect?: () => void;
};

/** Queues a notification in the caller's transaction (sent at its commit) or sends it at once. */
export async function notifyDatabase(db: Executor, channel: string, payload = ''): Promise<void> {
  if (Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD) throw new Error('notification payload too large');
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** Listens on `channels` until closed. PostgreSQL: one dedicated session per call, re-opened if lost. */
export async function listenDatabase(
  database: Database,
  channels: readonly string[],
  onNotify: OnNotify,
  options: ListenOptions,
): Promise<DatabaseListener> {
  if (database.kind === 'pglite') return listenPglite(database, channels, onNotify);
  return listenPostgres(database.url!, channels, onNotify, options);
}

async function listenPglite(database: Database, channels: readonly string[], onNotify: OnNotify) {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const stops = await Promise.all(
    channels.map((channel) => client.listen(channel, (payload) => onNotify(channel, payload))),
  );
  return {
    async close() {
      // After the database closed there is nothing to unlisten from.
      if (client.closed) return;
      await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
    },
  };
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

function quoteChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return `"${channel}"`;
}

async function listenPostgres(
  url: string,
  channels: readonly string[],
  onNotify: OnNotify,
  options: ListenOptions,
): Promise<DatabaseListener> {
  const log = options.log.child({ cap: 'db-listen' });
  const statements = channels.map((c) => `listen ${quoteChannel(c)}`);
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  async function open(): Promise<void> {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (msg) => onNotify(msg.channel, msg.payload ?? ''));
    // A lost session (server restart, network): open a new one after a growing pause.
    next.on('error', (err) => {
      log.warn({ err }, 'listening session lost');
      lost(next);
    });
    next.on('end', () => lost(next));
    await next.connect();
    for (const statement of statements) await next.query(statement);
    client = next;
    retryMs = RECONNECT_MIN_MS;
  }

  function lost(which: pg.Client): void {
    if (closed || client !== which) return;
    client = undefined;
    which.end().catch(() => undefined);
    schedule();
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      open().then(
        () => {
          log.info('listening session reopened');
          options.onReconnect?.();
        },
        (err) => {
          log.warn({ err, retryMs }, 'listening session could not reopen');
          retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
          schedule();
        },
      );
    }, retryMs);
  }

  await open();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
