import { and, asc, desc, eq, gte, inArray, lte, param, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { events, unknownSenders } from '../schema';
import type { LogEvent, StoredEvent } from './model';

export type EventInsert = LogEvent & { unitId: string; sourceId: string | null; senderIp: string | null };

/** Rows per statement; the arrays are parameters, so the statement text does not grow with them. */
const INSERT_BATCH = 5000;

/**
 * Inserts events, one array per column through unnest() (a VALUES list costs ~10x more in the query
 * builder), and returns their ids in order. Raw bytes travel as hex text: array encodings of bytea
 * differ between the two drivers, hex does not.
 */
export async function insertEvents(db: Executor, rows: EventInsert[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const part = rows.slice(i, i + INSERT_BATCH);
    const col = <T>(pick: (r: EventInsert) => T) => param(part.map(pick));
    const result = await db.execute(sql`
      insert into events (time, received_at, unit_id, source_id, sender_ip, host, app, facility, severity,
        format, message, fields, raw, parse_error)
      select t, r, u, s, ip, h, a, f, sv, fm, m, fd, case when rw is null then null else decode(rw, 'hex') end, pe
      from unnest(
        ${col((r) => (Number.isNaN(r.time.getTime()) ? r.receivedAt : r.time).toISOString())}::timestamptz[], ${col((r) => r.receivedAt.toISOString())}::timestamptz[],
        ${col((r) => r.unitId)}::uuid[], ${col((r) => r.sourceId)}::uuid[], ${col((r) => r.senderIp)}::text[],
        ${col((r) => r.host)}::text[], ${col((r) => r.app)}::text[], ${col((r) => r.facility)}::smallint[],
        ${col((r) => r.severity)}::smallint[], ${col((r) => r.format)}::text[], ${col((r) => clean(r.message))}::text[],
        ${col((r) => JSON.stringify(r.fields, (_k, v) => (typeof v === 'string' ? clean(v) : v)))}::jsonb[],
        ${col((r) => (r.raw ? Buffer.from(r.raw).toString('hex') : null))}::text[], ${col((r) => r.parseError)}::text[]
      ) as x(t, r, u, s, ip, h, a, f, sv, fm, m, fd, rw, pe)
      returning id`);
    for (const row of (result as unknown as { rows: { id: string | number }[] }).rows)
      ids.push(String(row.id));
  }
  return ids;
}

// PostgreSQL text cannot hold NUL, and jsonb refuses \u0000 and lone surrogates (from UTF-16 or JSON
// input): they become U+FFFD; the original bytes survive in `raw` when they were not UTF-8.
function clean(text: string): string {
  const wellFormed = (text as string & { toWellFormed(): string }).toWellFormed();
  return wellFormed.includes('\0') ? wellFormed.replaceAll('\0', '\uFFFD') : wellFormed;
}

export type EventFilter = {
  scopePath: string | null;
  unitId?: string | undefined;
  sourceId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  host?: string | undefined;
  app?: string | undefined;
  format?: string | undefined;
  /** Exact field values, matched with jsonb containment. */
  fields?: Record<string, string | number | boolean> | undefined;
  text?: string | undefined;
};

function where(f: EventFilter): SQL | undefined {
  return and(
    f.scopePath
      ? inArray(
          events.unitId,
          sql`(select ${units.id} from ${units} where ${units.path} like ${likePrefix(f.scopePath)})`,
        )
      : undefined,
    f.unitId ? eq(events.unitId, f.unitId) : undefined,
    f.sourceId ? eq(events.sourceId, f.sourceId) : undefined,
    f.from ? gte(events.time, f.from) : undefined,
    f.to ? lte(events.time, f.to) : undefined,
    f.host ? eq(events.host, f.host) : undefined,
    f.app ? eq(events.app, f.app) : undefined,
    f.format ? eq(events.format, f.format) : undefined,
    f.fields && Object.keys(f.fields).length > 0
      ? sql`${events.fields} @> ${JSON.stringify(f.fields)}::jsonb`
      : undefined,
    f.text ? sql`strpos(${events.message}, ${f.text}) > 0` : undefined,
  );
}

export async function searchEvents(
  db: Executor,
  f: EventFilter,
  limit: number,
  offset: number,
  order: 'asc' | 'desc',
) {
  const rows = await db
    .select()
    .from(events)
    .where(where(f))
    .orderBy(
      order === 'asc' ? asc(events.time) : desc(events.time),
      order === 'asc' ? asc(events.id) : desc(events.id),
    )
    .limit(limit)
    .offset(offset);
  return rows.map(toStored);
}

export async function countEvents(db: Executor, f: EventFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(events)
    .where(where(f));
  return row?.n ?? 0;
}

type EventRow = typeof events.$inferSelect;

export function toStored(row: EventRow): StoredEvent {
  return {
    ...row,
    id: String(row.id),
    format: row.format as StoredEvent['format'],
    raw: row.raw ?? null,
  };
}

/** Deletes events received before `before`, in chunks so one run never holds a huge transaction. */
export async function deleteEventsBefore(db: Executor, before: Date, chunk = 50_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute(sql`
      delete from events where id in (
        select id from events where ${events.receivedAt} < ${before.toISOString()}::timestamptz limit ${chunk})`);
    // node-postgres says rowCount, PGlite affectedRows.
    const r = result as unknown as { affectedRows?: number; rowCount?: number | null };
    const n = Number(r.affectedRows ?? r.rowCount ?? 0);
    total += n;
    if (n < chunk) return total;
  }
}

export type UnknownSenderHit = {
  address: string;
  transport: string;
  count: number;
  at: Date;
  lastMessage: string;
};

export async function recordUnknownSenders(db: Executor, hits: UnknownSenderHit[]): Promise<void> {
  if (hits.length === 0) return;
  await db
    .insert(unknownSenders)
    .values(
      hits.map((h) => ({
        address: h.address,
        transport: h.transport,
        count: h.count,
        firstSeenAt: h.at,
        lastSeenAt: h.at,
        lastMessage: h.lastMessage.slice(0, 500),
      })),
    )
    .onConflictDoUpdate({
      target: unknownSenders.address,
      set: {
        count: sql`${unknownSenders.count} + excluded.count`,
        lastSeenAt: sql`excluded.last_seen_at`,
        lastMessage: sql`excluded.last_message`,
        transport: sql`excluded.transport`,
      },
    });
}

export async function listUnknownSenders(db: Executor, limit: number) {
  return db.select().from(unknownSenders).orderBy(desc(unknownSenders.lastSeenAt)).limit(limit);
}
