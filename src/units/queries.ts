import { and, asc, count, eq, ilike, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import { apiTokens } from '../auth/schema';
import type { Executor } from '../db/client';
import { users } from '../users/schema';
import type { UnitQuery } from './contract';
import { units } from './schema';

export type UnitRow = typeof units.$inferSelect;

export async function findUnitById(db: Executor, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

export async function findUnitByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.code, code));
  return row;
}

export async function findRootUnit(db: Executor): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(isNull(units.parentId)).limit(1);
  return row;
}

/** Escapes LIKE wildcards so a path or a search word matches literally. */
export function likePrefix(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}

/** A LIKE pattern that finds the words anywhere, wildcards in them taken literally. */
export function likeContains(words: string): string {
  return `%${escapeLike(words)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUnits(db: Executor, scopePath: string | null, query: UnitQuery) {
  const filters: (SQL | undefined)[] = [
    scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
    query.parentId ? eq(units.parentId, query.parentId) : undefined,
    query.kind ? eq(units.kind, query.kind) : undefined,
    query.q
      ? or(ilike(units.name, likeContains(query.q)), ilike(units.code, likePrefix(query.q)))
      : undefined,
  ];
  const where = and(...filters);
  // One after the other: inside a transaction both would share one connection (pg refuses overlap).
  const items = await db
    .select()
    .from(units)
    .where(where)
    .orderBy(asc(units.path))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(units).where(where);
  return { items, total };
}

export async function insertUnit(db: Executor, values: typeof units.$inferInsert): Promise<UnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  return row!;
}

export async function updateUnitRow(
  db: Executor,
  id: string,
  values: Partial<typeof units.$inferInsert>,
): Promise<UnitRow> {
  const [row] = await db
    .update(units)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(units.id, id))
    .returning();
  return row!;
}

/** Re-roots a whole subtree after a move: every descendant's path keeps its tail. */
export async function rewriteSubtreePaths(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .update(units)
    .set({ path: sql`${newPrefix} || substr(${units.path}, ${oldPrefix.length + 1})` })
    .where(like(units.path, likePrefix(oldPrefix)));
}

export async function countUnitDependents(db: Executor, id: string): Promise<number> {
  const children = await db.select({ n: count() }).from(units).where(eq(units.parentId, id));
  const members = await db.select({ n: count() }).from(users).where(eq(users.unitId, id));
  const tokens = await db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.unitId, id));
  return (children[0]?.n ?? 0) + (members[0]?.n ?? 0) + (tokens[0]?.n ?? 0);
}

export async function deleteUnitRow(db: Executor, id: string): Promise<void> {
  await db.delete(units).where(eq(units.id, id));
}
