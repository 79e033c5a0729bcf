import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { copyBytea, copyField, copyRows, nextSequenceValues } from '../../db/bulk-copy';
import type { Executor } from '../../db/client';
import { likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { events, unknownSenders } from '../schema';
import type { LogEvent, StoredEvent } from './model';

export type EventInsert = LogEvent & { unitId: string; sourceId: string | null; senderIp: string | null };

const COLUMNS = [
  'id',
  'time',
  'received_at',
  'unit_id',
  'source_id',
  'sender_ip',
  'host',
  'app',
  'facility',
  'severity',
  'format',
  'message',
  'fields',
  'raw',
  'parse_error',
] as const;

/**
 * Inserts events and returns their ids in order: the ids are taken from the sequence in one query,
 * then the rows go in through COPY (docs/decisions/006-event-write-path.md: 3-5x cheaper a row than
 * the INSERT … unnest() this replaced). Call it inside a transaction: ids and rows commit together.
 */
export async function insertEvents(db: Executor, rows: readonly EventInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = await nextSequenceValues(db, 'events_id_seq', rows.length);
  let text = '';
  for (let i = 0; i < rows.length; i++) text += eventCopyLine(ids[i]!, rows[i]!);
  await copyRows(db, 'events', COLUMNS, text);
  return ids.map(String);
}

/** One event as a COPY text line, in COLUMNS order. */
export function eventCopyLine(id: number, r: EventInsert): string {
  const time = storable(r.time) ? r.time : r.receivedAt;
  return `${id}\t${time.toISOString()}\t${r.receivedAt.toISOString()}\t${r.unitId}\t${copyField(r.sourceId)}\t${copyField(r.senderIp)}\t${copyField(r.host)}\t${copyField(r.app)}\t${copyField(r.facility)}\t${copyField(r.severity)}\t${copyField(r.format)}\t${copyField(clean(r.message))}\t${copyField(fieldsJson(r.fields))}\t${copyBytea(r.raw)}\t${copyField(r.parseError)}\n`;
}

// Years 1..9999: what toISOString writes plainly and both engines read back.
const MIN_TIME = -62_135_596_800_000;
const MAX_TIME = 253_402_300_799_999;
const storable = (d: Date) => d.getTime() >= MIN_TIME && d.getTime() <= MAX_TIME;

const NEEDS_CLEANING = /[\0\uD800-\uDFFF]/;

function fieldsJson(fields: Record<string, unknown>): string {
  const json = JSON.stringify(fields);
  // JSON.stringify escapes lone surrogates and NUL as \u sequences that jsonb refuses; rare, so the
  // replacer runs only when the output shows one.
  if (!/\\u(?:0000|d[89a-f])/i.test(json)) return json;
  return JSON.stringify(fields, (_k, v) => (typeof v === 'string' ? clean(v) : v));
}

// PostgreSQL text cannot hold NUL, and jsonb refuses \u0000 and lone surrogates (from UTF-16 or JSON
// input): they become U+FFFD; the original bytes survive in `raw` when they were not UTF-8.
function clean(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
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
