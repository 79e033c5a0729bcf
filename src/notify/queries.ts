import { and, count, desc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { DeliveryQuery } from './contract';
import { notifyAttempts, notifyChannels, notifyDeliveries } from './schema';

export type ChannelRow = typeof notifyChannels.$inferSelect;
export type DeliveryRow = typeof notifyDeliveries.$inferSelect;

function inSubtree(
  column: typeof notifyChannels.unitId | typeof notifyDeliveries.unitId,
  path: string | null,
) {
  if (!path) return undefined;
  return inArray(column, sql`(select ${units.id} from ${units} where ${like(units.path, likePrefix(path))})`);
}

export async function findChannel(db: Executor, id: string) {
  const [row] = await db
    .select({ channel: notifyChannels, unitPath: units.path })
    .from(notifyChannels)
    .innerJoin(units, eq(units.id, notifyChannels.unitId))
    .where(eq(notifyChannels.id, id));
  return row;
}

export async function listChannelRows(db: Executor, scopePath: string | null, unitId?: string) {
  return db
    .select()
    .from(notifyChannels)
    .where(
      and(
        inSubtree(notifyChannels.unitId, scopePath),
        unitId ? eq(notifyChannels.unitId, unitId) : undefined,
      ),
    )
    .orderBy(notifyChannels.name);
}

/** Enabled channels of a kind owned by any of these units (a unit and its ancestors). */
export async function channelsOfUnits(db: Executor, unitIds: string[], kind: ChannelRow['kind']) {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(notifyChannels)
    .where(
      and(
        inArray(notifyChannels.unitId, unitIds),
        eq(notifyChannels.kind, kind),
        eq(notifyChannels.enabled, true),
      ),
    )
    .orderBy(notifyChannels.createdAt);
}

export async function insertChannel(db: Executor, values: typeof notifyChannels.$inferInsert) {
  const [row] = await db.insert(notifyChannels).values(values).returning();
  return row!;
}

export async function updateChannelRow(db: Executor, id: string, values: Partial<ChannelRow>) {
  const [row] = await db
    .update(notifyChannels)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(notifyChannels.id, id))
    .returning();
  return row!;
}

export async function deleteChannelRow(db: Executor, id: string): Promise<void> {
  await db.delete(notifyChannels).where(eq(notifyChannels.id, id));
}

export async function insertDelivery(db: Executor, values: typeof notifyDeliveries.$inferInsert) {
  const [row] = await db.insert(notifyDeliveries).values(values).returning();
  return row!;
}

export async function findDelivery(db: Executor, id: string) {
  const [row] = await db
    .select({ delivery: notifyDeliveries, unitPath: units.path, channelName: notifyChannels.name })
    .from(notifyDeliveries)
    .innerJoin(units, eq(units.id, notifyDeliveries.unitId))
    .leftJoin(notifyChannels, eq(notifyChannels.id, notifyDeliveries.channelId))
    .where(eq(notifyDeliveries.id, id));
  return row;
}

/** Records one try and moves the delivery on, in one statement pair the caller wraps in a transaction. */
export async function recordAttempt(
  db: Executor,
  id: string,
  attempt: { ok: boolean; durationMs: number; error: string | null; final: boolean },
) {
  await db.insert(notifyAttempts).values({
    deliveryId: id,
    ok: attempt.ok,
    durationMs: attempt.durationMs,
    error: attempt.error,
  });
  const status = attempt.ok ? 'sent' : attempt.final ? 'failed' : 'queued';
  const [row] = await db
    .update(notifyDeliveries)
    .set({
      status,
      attempts: sql`${notifyDeliveries.attempts} + 1`,
      lastError: attempt.error,
      lastAttemptAt: sql`now()`,
      ...(attempt.ok ? { sentAt: sql`now()` } : {}),
    })
    .where(eq(notifyDeliveries.id, id))
    .returning();
  return row!;
}

export async function listAttempts(db: Executor, deliveryId: string) {
  return db
    .select({
      at: notifyAttempts.at,
      ok: notifyAttempts.ok,
      durationMs: notifyAttempts.durationMs,
      error: notifyAttempts.error,
    })
    .from(notifyAttempts)
    .where(eq(notifyAttempts.deliveryId, deliveryId))
    .orderBy(notifyAttempts.at);
}

export async function listDeliveryRows(db: Executor, scopePath: string | null, query: DeliveryQuery) {
  const filters: (SQL | undefined)[] = [
    inSubtree(notifyDeliveries.unitId, scopePath),
    query.unitId ? eq(notifyDeliveries.unitId, query.unitId) : undefined,
    query.status ? eq(notifyDeliveries.status, query.status) : undefined,
    query.channelId ? eq(notifyDeliveries.channelId, query.channelId) : undefined,
    query.refId ? eq(notifyDeliveries.refId, query.refId) : undefined,
  ];
  const where = and(...filters);
  const items = await db
    .select({ delivery: notifyDeliveries, channelName: notifyChannels.name })
    .from(notifyDeliveries)
    .leftJoin(notifyChannels, eq(notifyChannels.id, notifyDeliveries.channelId))
    .where(where)
    .orderBy(desc(notifyDeliveries.createdAt), desc(notifyDeliveries.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(notifyDeliveries).where(where);
  return { items, total };
}
