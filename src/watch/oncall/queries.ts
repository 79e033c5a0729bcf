import { and, desc, eq, gt, inArray, like } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { users } from '../../users/schema';
import { watchHandovers, watchOverrides, watchPolicies, watchRosters } from '../schema';

export type RosterRow = typeof watchRosters.$inferSelect;
export type PolicyRow = typeof watchPolicies.$inferSelect;
export type OverrideRow = typeof watchOverrides.$inferSelect;

export async function findRoster(db: Executor, id: string) {
  const [row] = await db
    .select({ roster: watchRosters, unitPath: units.path })
    .from(watchRosters)
    .innerJoin(units, eq(units.id, watchRosters.unitId))
    .where(eq(watchRosters.id, id));
  return row;
}

export async function listRosterRows(db: Executor, scopePath: string | null, unitId?: string) {
  return db
    .select({ roster: watchRosters })
    .from(watchRosters)
    .innerJoin(units, eq(units.id, watchRosters.unitId))
    .where(
      and(
        scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
        unitId ? eq(watchRosters.unitId, unitId) : undefined,
      ),
    )
    .orderBy(units.path, watchRosters.name);
}

/** Enabled rosters of these units (an alert's unit and its ancestors). */
export async function rostersOfUnits(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(watchRosters)
    .where(and(inArray(watchRosters.unitId, unitIds), eq(watchRosters.enabled, true)))
    .orderBy(watchRosters.createdAt);
}

export async function insertRoster(db: Executor, values: typeof watchRosters.$inferInsert) {
  const [row] = await db.insert(watchRosters).values(values).returning();
  return row!;
}

export async function updateRosterRow(db: Executor, id: string, values: Partial<RosterRow>) {
  const [row] = await db
    .update(watchRosters)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(watchRosters.id, id))
    .returning();
  return row!;
}

export async function deleteRosterRow(db: Executor, id: string) {
  await db.delete(watchRosters).where(eq(watchRosters.id, id));
}

/** Overrides still relevant at `from` (ending after it). */
export async function overridesOf(db: Executor, rosterId: string, from: Date) {
  return db
    .select()
    .from(watchOverrides)
    .where(and(eq(watchOverrides.rosterId, rosterId), gt(watchOverrides.endsAt, from)))
    .orderBy(watchOverrides.startsAt);
}

export async function insertOverride(db: Executor, values: typeof watchOverrides.$inferInsert) {
  const [row] = await db.insert(watchOverrides).values(values).returning();
  return row!;
}

export async function deleteOverrideRow(db: Executor, rosterId: string, id: string) {
  const rows = await db
    .delete(watchOverrides)
    .where(and(eq(watchOverrides.id, id), eq(watchOverrides.rosterId, rosterId)))
    .returning({ id: watchOverrides.id });
  return rows.length > 0;
}

export async function insertHandover(db: Executor, values: typeof watchHandovers.$inferInsert) {
  const [row] = await db.insert(watchHandovers).values(values).returning();
  return row!;
}

export async function listHandoverRows(db: Executor, rosterId: string, limit = 100) {
  return db
    .select()
    .from(watchHandovers)
    .where(eq(watchHandovers.rosterId, rosterId))
    .orderBy(desc(watchHandovers.createdAt))
    .limit(limit);
}

export async function findPolicy(db: Executor, id: string) {
  const [row] = await db
    .select({ policy: watchPolicies, unitPath: units.path })
    .from(watchPolicies)
    .innerJoin(units, eq(units.id, watchPolicies.unitId))
    .where(eq(watchPolicies.id, id));
  return row;
}

export async function listPolicyRows(db: Executor, scopePath: string | null) {
  return db
    .select({ policy: watchPolicies })
    .from(watchPolicies)
    .innerJoin(units, eq(units.id, watchPolicies.unitId))
    .where(scopePath ? like(units.path, likePrefix(scopePath)) : undefined)
    .orderBy(watchPolicies.name);
}

export async function insertPolicy(db: Executor, values: typeof watchPolicies.$inferInsert) {
  const [row] = await db.insert(watchPolicies).values(values).returning();
  return row!;
}

export async function updatePolicyRow(db: Executor, id: string, values: Partial<PolicyRow>) {
  const [row] = await db
    .update(watchPolicies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(watchPolicies.id, id))
    .returning();
  return row!;
}

export async function deletePolicyRow(db: Executor, id: string) {
  await db.delete(watchPolicies).where(eq(watchPolicies.id, id));
}

export async function usersByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      disabled: users.disabled,
      unitPath: units.path,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(inArray(users.id, ids));
}
