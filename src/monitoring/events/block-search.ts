import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { eventBlocks } from '../schema';
import {
  blockJson,
  CorruptBlockError,
  decodeBlock,
  type EventTuple,
  eventId,
  eventOfTuple,
  type PackedEvent,
  splitEventId,
  tuplesOf,
} from './block-codec';
import { blockNeedles, mayMatch, tupleMatcher } from './block-prefilter';
import type { StoredEvent } from './model';

export type EventFilter = {
  scopePath: string | null;
  unitId?: string | undefined;
  sourceId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  host?: string | undefined;
  app?: string | undefined;
  format?: string | undefined;
  /** Exact field values (a number matches a number, not its text), as jsonb containment did. */
  fields?: Record<string, string | number | boolean> | undefined;
  text?: string | undefined;
};

/** Where a scan resumes: strictly after (asc) or before (desc) this event in (time, id) order. */
export type EventCursor = { time: Date; id: number };

/** Blocks that could not be decoded, counted (and skipped) instead of failing the search. */
export const blockStoreStats = { corruptBlocks: 0, lastCorrupt: null as string | null };

export type BlockRow = {
  id: number;
  unitId: string;
  sourceId: string | null;
  minTime: Date;
  maxTime: Date;
  count: number;
  encoding: string;
  data: Uint8Array;
};

/** The block-level part of a filter: what the summaries and their indexes can prune. */
function blockWhere(f: EventFilter, cursor?: EventCursor, order?: 'asc' | 'desc'): SQL | undefined {
  return and(
    f.scopePath
      ? inArray(
          eventBlocks.unitId,
          sql`(select ${units.id} from ${units} where ${units.path} like ${likePrefix(f.scopePath)})`,
        )
      : undefined,
    f.unitId ? eq(eventBlocks.unitId, f.unitId) : undefined,
    f.sourceId ? eq(eventBlocks.sourceId, f.sourceId) : undefined,
    f.from ? gte(eventBlocks.maxTime, f.from) : undefined,
    f.to ? lte(eventBlocks.minTime, f.to) : undefined,
    cursor && order === 'asc' ? gte(eventBlocks.maxTime, cursor.time) : undefined,
    cursor && order === 'desc' ? lte(eventBlocks.minTime, cursor.time) : undefined,
    f.host ? sql`(${eventBlocks.hosts} is null or ${f.host} = any(${eventBlocks.hosts}))` : undefined,
    f.app ? sql`(${eventBlocks.apps} is null or ${f.app} = any(${eventBlocks.apps}))` : undefined,
  );
}

const hasEventFilter = (f: EventFilter) =>
  Boolean(f.host || f.app || f.format || f.text || (f.fields && Object.keys(f.fields).length > 0));

/** The event-level filter on a decoded event: the reference the tuple path (block-prefilter.ts) equals. */
export function matcher(f: EventFilter): (e: PackedEvent) => boolean {
  const from = f.from?.getTime();
  const to = f.to?.getTime();
  const fields = f.fields ? Object.entries(f.fields) : [];
  return (e) => {
    const t = e.time.getTime();
    if (from !== undefined && t < from) return false;
    if (to !== undefined && t > to) return false;
    if (f.host && e.host !== f.host) return false;
    if (f.app && e.app !== f.app) return false;
    if (f.format && e.format !== f.format) return false;
    if (f.text && !e.message.includes(f.text)) return false;
    for (const [k, v] of fields) if (e.fields[k] !== v) return false;
    return true;
  };
}

const BLOCK_COLUMNS = {
  id: eventBlocks.id,
  unitId: eventBlocks.unitId,
  sourceId: eventBlocks.sourceId,
  minTime: eventBlocks.minTime,
  maxTime: eventBlocks.maxTime,
  count: eventBlocks.count,
  encoding: eventBlocks.encoding,
  // As hex text, decoded by Buffer.from: PGlite's own bytea parser costs ~3 ms of CPU per 35 kB block
  // (150 ms for 50 blocks, measured), hex ~0.15 ms; node-postgres gets the same hex either way.
  dataHex: sql<string>`encode(${eventBlocks.data}, 'hex')`,
};
/** The plain bytea column: the reference path (`searchTuning.hexFetch` off) the bench compares. */
const BLOCK_COLUMNS_BYTEA = { ...BLOCK_COLUMNS, dataHex: eventBlocks.data };

const blockColumns = () => (searchTuning.hexFetch ? BLOCK_COLUMNS : BLOCK_COLUMNS_BYTEA);

type FetchedBlock = Omit<BlockRow, 'data'> & { dataHex: string | Uint8Array };

function blockRowOf({ dataHex, ...row }: FetchedBlock): BlockRow {
  return {
    ...row,
    data: typeof dataHex === 'string' ? new Uint8Array(Buffer.from(dataHex, 'hex')) : dataHex,
  };
}

/**
 * Blocks in the order a scan needs them: by max_time descending for newest-first, by min_time
 * ascending for oldest-first (so the next block's bound tells which decoded events are final).
 * Keyset-paged a few blocks at a time: a search that stops early reads only what it used.
 */
async function* blocksInOrder(
  db: Executor,
  where: SQL | undefined,
  order: 'asc' | 'desc',
): AsyncGenerator<BlockRow> {
  const key = order === 'asc' ? eventBlocks.minTime : eventBlocks.maxTime;
  let after: { at: Date; id: number } | undefined;
  for (let pageSize = 4; ; pageSize = Math.min(pageSize * 2, 64)) {
    const keyset = after
      ? order === 'asc'
        ? or(gt(key, after.at), and(eq(key, after.at), gt(eventBlocks.id, after.id)))
        : or(lt(key, after.at), and(eq(key, after.at), lt(eventBlocks.id, after.id)))
      : undefined;
    const rows = (await db
      .select(blockColumns())
      .from(eventBlocks)
      .where(and(where, keyset))
      .orderBy(
        order === 'asc' ? asc(key) : desc(key),
        order === 'asc' ? asc(eventBlocks.id) : desc(eventBlocks.id),
      )
      .limit(pageSize)) as FetchedBlock[];
    for (const row of rows) yield blockRowOf(row);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { at: order === 'asc' ? last.minTime : last.maxTime, id: last.id };
  }
}

function noteCorrupt(error: unknown): void {
  if (!(error instanceof CorruptBlockError)) throw error;
  blockStoreStats.corruptBlocks++;
  blockStoreStats.lastCorrupt = error.message;
}

/** A block's events as stored events; a corrupt block is counted, remembered and yields nothing. */
export async function storedEventsOf(block: BlockRow): Promise<StoredEvent[]> {
  let events: PackedEvent[];
  try {
    events = await decodeBlock(block.id, block.encoding, block.data, block.count);
  } catch (error) {
    noteCorrupt(error);
    return [];
  }
  return events.map((e, i) => ({
    ...e,
    id: String(eventId(block.id, i)),
    unitId: block.unitId,
    sourceId: block.sourceId,
  }));
}

/** A block whose JSON text is being inflated (on the libuv pool) while earlier blocks are filtered. */
type InflatingBlock = { row: BlockRow; json?: Promise<Buffer | Error> | undefined };

const inflate = (row: BlockRow): Promise<Buffer | Error> =>
  blockJson(row.id, row.encoding, row.data).catch((e: unknown) =>
    e instanceof Error ? e : new Error(String(e)),
  );

/**
 * How a search reads blocks. `inflateAhead`: blocks inflated ahead of the one being filtered (zlib
 * runs on the pool meanwhile; 0 = each block when it is reached). `readSidePruning` off = the plain
 * decode-every-event-then-filter path (the reference; bench/event-storage.bench.ts compares both).
 * `hexFetch` off = blocks fetched as bytea (PGlite parses those slowly, see BLOCK_COLUMNS).
 */
export const searchTuning = { inflateAhead: 4, readSidePruning: true, hexFetch: true };

/**
 * The blocks of `rows` with their inflation started up to `ahead` blocks in advance. A search that
 * stops early wastes at most a few inflations; errors are kept as values so none goes unhandled.
 */
async function* inflatingAhead(
  rows: AsyncGenerator<BlockRow>,
  ahead = searchTuning.inflateAhead,
): AsyncGenerator<InflatingBlock, void, undefined> {
  const queue: InflatingBlock[] = [];
  let exhausted = false;
  let yielded = 0;
  try {
    for (;;) {
      // The window grows with the scan (1, 1, 2, 2, ... up to `ahead`): a search that stops after a
      // block or two (a newest page) inflates next to nothing it does not use.
      const window = Math.max(1, Math.min(ahead, yielded >> 1));
      while (!exhausted && queue.length < window) {
        const next = await rows.next();
        if (next.done) exhausted = true;
        else queue.push({ row: next.value, json: ahead > 0 ? inflate(next.value) : undefined });
      }
      const head = queue.shift();
      if (!head) return;
      yielded++;
      yield head;
    }
  } finally {
    await rows.return(undefined);
  }
}

/**
 * The events of one block that pass `f`: its text is searched for the filter's needles first (a block
 * that cannot match is never parsed), then only the tuples that pass become StoredEvents. Same answer
 * as `storedEventsOf(block).filter(matcher(f))` (test: block-prefilter.test.ts); corrupt blocks are
 * counted, except a block the needles already rule out (its text is never parsed).
 */
export async function matchingEventsOf(block: InflatingBlock, f: EventFilter): Promise<StoredEvent[]> {
  if (!searchTuning.readSidePruning) return (await storedEventsOf(block.row)).filter(matcher(f));
  const tuples = await passingTuples(block, f);
  const out: StoredEvent[] = [];
  for (const [t, i] of tuples)
    out.push({
      ...eventOfTuple(t),
      id: String(eventId(block.row.id, i)),
      unitId: block.row.unitId,
      sourceId: block.row.sourceId,
    });
  return out;
}

/** How many events of one block pass `f` (a count builds no event at all). */
async function countMatching(block: InflatingBlock, f: EventFilter): Promise<number> {
  if (!searchTuning.readSidePruning) return (await storedEventsOf(block.row)).filter(matcher(f)).length;
  return (await passingTuples(block, f)).length;
}

async function passingTuples({ row, json }: InflatingBlock, f: EventFilter): Promise<[EventTuple, number][]> {
  const text = await (json ?? inflate(row));
  if (text instanceof Error) {
    noteCorrupt(text);
    return [];
  }
  if (!mayMatch(text, blockNeedles(f, row.encoding))) return [];
  let tuples: EventTuple[];
  try {
    tuples = tuplesOf(row.id, text, row.count);
  } catch (error) {
    noteCorrupt(error);
    return [];
  }
  const passes = tupleMatcher(f);
  const out: [EventTuple, number][] = [];
  for (let i = 0; i < tuples.length; i++) if (passes(tuples[i]!)) out.push([tuples[i]!, i]);
  return out;
}

const byTimeAsc = (a: StoredEvent, b: StoredEvent) =>
  a.time.getTime() - b.time.getTime() || Number(a.id) - Number(b.id);
const byTimeDesc = (a: StoredEvent, b: StoredEvent) => byTimeAsc(b, a);

function afterCursor(cursor: EventCursor, order: 'asc' | 'desc'): (e: StoredEvent) => boolean {
  const t = cursor.time.getTime();
  return order === 'asc'
    ? (e) => e.time.getTime() > t || (e.time.getTime() === t && Number(e.id) > cursor.id)
    : (e) => e.time.getTime() < t || (e.time.getTime() === t && Number(e.id) < cursor.id);
}

/**
 * Visits matching events in (time, id) order, newest or oldest first, until `visit` returns false.
 * Blocks overlap in time (several sources write at once), so it is a merge: after decoding a block,
 * every buffered event beyond the next block's bound (its max_time going newest-first) is final.
 */
export async function scanEvents(
  db: Executor,
  f: EventFilter,
  order: 'asc' | 'desc',
  visit: (e: StoredEvent) => boolean,
  cursor?: EventCursor,
): Promise<void> {
  const resumes = cursor ? afterCursor(cursor, order) : () => true;
  const compare = order === 'asc' ? byTimeAsc : byTimeDesc;
  let buffer: StoredEvent[] = [];
  const blocks = inflatingAhead(blocksInOrder(db, blockWhere(f, cursor, order), order));
  let next = (await blocks.next()).value as InflatingBlock | undefined;
  while (next) {
    const block = next;
    next = (await blocks.next()).value as InflatingBlock | undefined;
    for (const e of await matchingEventsOf(block, f)) if (resumes(e)) buffer.push(e);
    buffer.sort(compare);
    const bound = next ? (order === 'asc' ? next.row.minTime : next.row.maxTime).getTime() : undefined;
    let final = buffer.length;
    if (bound !== undefined) {
      final = 0;
      while (
        final < buffer.length &&
        (order === 'asc' ? buffer[final]!.time.getTime() < bound : buffer[final]!.time.getTime() > bound)
      )
        final++;
    }
    for (let i = 0; i < final; i++) {
      if (!visit(buffer[i]!)) {
        await blocks.return(undefined);
        return;
      }
    }
    buffer = buffer.slice(final);
  }
}

/** One page of matching events, skipping `offset` (page numbers) or resuming after a cursor. */
export async function searchEvents(
  db: Executor,
  f: EventFilter,
  limit: number,
  offset: number,
  order: 'asc' | 'desc',
  cursor?: EventCursor,
): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let skip = offset;
  if (limit <= 0) return out;
  await scanEvents(
    db,
    f,
    order,
    (e) => {
      if (skip > 0) {
        skip--;
        return true;
      }
      out.push(e);
      return out.length < limit;
    },
    cursor,
  );
  return out;
}

/** Beyond this many decoded events a count stops and extrapolates (the console's "about N"). */
export const COUNT_BUDGET = 50_000;

/**
 * How many events match. Without event-level filters whole blocks inside the time range are summed
 * from their `count`; only the blocks across a range edge are decoded. With them every candidate
 * block is decoded, up to `budget` events: past it the rest is extrapolated and `exact` is false.
 */
export async function countEventsDetailed(
  db: Executor,
  f: EventFilter,
  budget = COUNT_BUDGET,
): Promise<{ total: number; exact: boolean }> {
  const where = blockWhere(f);
  const inside = and(
    f.from ? gte(eventBlocks.minTime, f.from) : undefined,
    f.to ? lte(eventBlocks.maxTime, f.to) : undefined,
  );
  let total = 0;
  let decodeWhere = where;
  if (!hasEventFilter(f)) {
    const [row] = await db
      .select({ n: sql<number>`coalesce(sum(${eventBlocks.count}), 0)`.mapWith(Number) })
      .from(eventBlocks)
      .where(and(where, inside));
    total = row?.n ?? 0;
    if (!f.from && !f.to) return { total, exact: true };
    decodeWhere = and(where, sql`not (${inside ?? sql`true`})`);
  }
  const [candidates] = await db
    .select({ n: sql<number>`coalesce(sum(${eventBlocks.count}), 0)`.mapWith(Number) })
    .from(eventBlocks)
    .where(decodeWhere);
  let read = 0;
  let matched = 0;
  for await (const block of inflatingAhead(blocksInOrder(db, decodeWhere, 'desc'))) {
    if (read >= budget) break;
    read += block.row.count;
    matched += await countMatching(block, f);
  }
  const unread = (candidates?.n ?? 0) - read;
  if (unread <= 0) return { total: total + matched, exact: true };
  return { total: total + matched + Math.round((matched / Math.max(read, 1)) * unread), exact: false };
}

export async function countEvents(db: Executor, f: EventFilter): Promise<number> {
  return (await countEventsDetailed(db, f)).total;
}

/** One event by id, within the caller's units; undefined when absent, purged or out of scope. */
export async function findEvent(
  db: Executor,
  id: string,
  scopePath: string | null,
): Promise<StoredEvent | undefined> {
  const where = /^\d{1,16}$/.test(id) ? splitEventId(Number(id)) : undefined;
  if (!where) return undefined;
  const [block] = (await db
    .select(blockColumns())
    .from(eventBlocks)
    .where(and(eq(eventBlocks.id, where.blockId), blockWhere({ scopePath })))) as FetchedBlock[];
  if (!block || where.index >= block.count) return undefined;
  return (await storedEventsOf(blockRowOf(block)))[where.index];
}
