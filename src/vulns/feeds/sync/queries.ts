import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client';
import { nationalAlerts } from '../../schema';
import type { FeedSyncLogQuery, SyncSource } from './contract';
import { feedSyncCursors, feedSyncLog, feedSyncResources, feedSyncSettings } from './schema';

export type FeedSyncSettingsRow = typeof feedSyncSettings.$inferSelect;
export type FeedSyncLogRow = typeof feedSyncLog.$inferSelect;
const SETTINGS_ID = 1;

export async function findSettingsRow(db: Executor): Promise<FeedSyncSettingsRow | undefined> {
  const [row] = await db.select().from(feedSyncSettings).where(eq(feedSyncSettings.id, SETTINGS_ID));
  return row;
}

export async function saveSettingsRow(
  db: Executor,
  values: Omit<FeedSyncSettingsRow, 'id' | 'updatedAt'>,
): Promise<FeedSyncSettingsRow> {
  const row = { ...values, id: SETTINGS_ID, updatedAt: new Date() };
  const [saved] = await db
    .insert(feedSyncSettings)
    .values(row)
    .onConflictDoUpdate({ target: feedSyncSettings.id, set: row })
    .returning();
  return saved!;
}

export async function findValidators(db: Executor, source: SyncSource, url: string) {
  const [row] = await db
    .select()
    .from(feedSyncResources)
    .where(and(eq(feedSyncResources.source, source), eq(feedSyncResources.url, url)));
  return row;
}

export async function saveValidators(
  db: Executor,
  values: { source: SyncSource; url: string; etag: string | null; lastModified: string | null },
): Promise<void> {
  const row = { ...values, fetchedAt: new Date() };
  await db
    .insert(feedSyncResources)
    .values(row)
    .onConflictDoUpdate({ target: [feedSyncResources.source, feedSyncResources.url], set: row });
}

export async function findCursor(db: Executor, source: SyncSource): Promise<string | undefined> {
  const [row] = await db.select().from(feedSyncCursors).where(eq(feedSyncCursors.source, source));
  return row?.cursor;
}

export async function saveCursor(db: Executor, source: SyncSource, cursor: string): Promise<void> {
  const row = { source, cursor, updatedAt: new Date() };
  await db
    .insert(feedSyncCursors)
    .values(row)
    .onConflictDoUpdate({ target: feedSyncCursors.source, set: row });
}

export async function insertLogRow(
  db: Executor,
  row: typeof feedSyncLog.$inferInsert,
): Promise<FeedSyncLogRow> {
  const [saved] = await db.insert(feedSyncLog).values(row).returning();
  return saved!;
}

export async function listLogRows(db: Executor, query: FeedSyncLogQuery) {
  const where = query.source ? eq(feedSyncLog.source, query.source) : undefined;
  const items = await db
    .select()
    .from(feedSyncLog)
    .where(where)
    .orderBy(desc(feedSyncLog.startedAt), desc(feedSyncLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db.select({ n: count() }).from(feedSyncLog).where(where);
  return { items, total: total?.n ?? 0 };
}

/** Every CVE a national alert names, sorted, once each. */
export async function listAlertCves(db: Executor): Promise<string[]> {
  const rows = await db.select({ cves: nationalAlerts.cves }).from(nationalAlerts);
  return [...new Set(rows.flatMap((row) => row.cves))].sort();
}
