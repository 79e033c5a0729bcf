import { desc, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { eventBlocks, unknownSenders } from '../schema';

// Events live in blocks (docs/decisions/007-event-blocks.md); these are the functions callers use.
export {
  countEvents,
  countEventsDetailed,
  type EventCursor,
  type EventFilter,
  findEvent,
  scanEvents,
  searchEvents,
} from './block-search';
export { type EventInsert, insertBlocks, insertEvents, packEvents } from './block-write';

/**
 * Deletes the blocks whose newest event arrived before `before` (whole blocks: an event outlives the
 * retention by at most one batch's span, seconds), a chunk of blocks per statement so no run holds a
 * huge transaction. Returns how many events went.
 */
export async function deleteEventsBefore(db: Executor, before: Date, chunk = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const result = (await db.execute(sql`
      with gone as (
        delete from ${eventBlocks} where ${eventBlocks.id} in (
          select ${eventBlocks.id} from ${eventBlocks}
          where ${lt(eventBlocks.maxReceivedAt, before)} limit ${chunk})
        returning ${eventBlocks.count})
      select count(*)::int as blocks, coalesce(sum(count), 0)::bigint as events from gone`)) as unknown as {
      rows: { blocks: number; events: string | number }[];
    };
    const row = result.rows[0]!;
    total += Number(row.events);
    if (Number(row.blocks) < chunk) return total;
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
