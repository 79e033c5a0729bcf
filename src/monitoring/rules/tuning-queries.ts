import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { sigmaRuleUnitStates, sigmaUnitFilters, sigmaUnitPlaceholders } from './schema';

export type UnitStateRow = typeof sigmaRuleUnitStates.$inferSelect;
export type UnitFilterRow = typeof sigmaUnitFilters.$inferSelect;

/** The rule switches of these units (a unit and its ancestors, for the nearest-wins rule). */
export function unitStatesOf(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as UnitStateRow[]);
  return db.select().from(sigmaRuleUnitStates).where(inArray(sigmaRuleUnitStates.unitId, unitIds));
}

/** Sets (or with `enabled: null`, removes) a unit's switch for these rules. */
export async function setUnitStates(
  db: Executor,
  unitId: string,
  ruleRowIds: string[],
  enabled: boolean | null,
  updatedBy: string | null,
): Promise<void> {
  if (ruleRowIds.length === 0) return;
  if (enabled === null) {
    await db
      .delete(sigmaRuleUnitStates)
      .where(and(eq(sigmaRuleUnitStates.unitId, unitId), inArray(sigmaRuleUnitStates.ruleRowId, ruleRowIds)));
    return;
  }
  for (let i = 0; i < ruleRowIds.length; i += 1000) {
    await db
      .insert(sigmaRuleUnitStates)
      .values(ruleRowIds.slice(i, i + 1000).map((ruleRowId) => ({ unitId, ruleRowId, enabled, updatedBy })))
      .onConflictDoUpdate({
        target: [sigmaRuleUnitStates.unitId, sigmaRuleUnitStates.ruleRowId],
        set: { enabled, updatedBy, updatedAt: sql`now()` },
      });
  }
}

export function placeholdersOf(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db.select().from(sigmaUnitPlaceholders).where(inArray(sigmaUnitPlaceholders.unitId, unitIds));
}

export async function savePlaceholders(
  db: Executor,
  unitId: string,
  placeholders: Record<string, string[]>,
  updatedBy: string | null,
) {
  await db
    .insert(sigmaUnitPlaceholders)
    .values({ unitId, placeholders, updatedBy })
    .onConflictDoUpdate({
      target: sigmaUnitPlaceholders.unitId,
      set: { placeholders, updatedBy, updatedAt: sql`now()` },
    });
}

export function filtersOf(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as UnitFilterRow[]);
  return db
    .select()
    .from(sigmaUnitFilters)
    .where(inArray(sigmaUnitFilters.unitId, unitIds))
    .orderBy(asc(sigmaUnitFilters.createdAt), asc(sigmaUnitFilters.id));
}

export async function insertFilter(db: Executor, values: typeof sigmaUnitFilters.$inferInsert) {
  const [row] = await db.insert(sigmaUnitFilters).values(values).returning();
  return row!;
}

export async function deleteFilter(db: Executor, unitId: string, id: string) {
  const [row] = await db
    .delete(sigmaUnitFilters)
    .where(and(eq(sigmaUnitFilters.id, id), eq(sigmaUnitFilters.unitId, unitId)))
    .returning();
  return row;
}
