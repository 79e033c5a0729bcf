import { and, asc, count, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import { cameraCriteria, cameraCriteriaSets, cameraCriterionResults, cameraSystems, cameras } from './schema';

export type CriterionRow = typeof cameraCriteria.$inferSelect;
export type CriteriaSetRow = typeof cameraCriteriaSets.$inferSelect;
export type ResultRow = typeof cameraCriterionResults.$inferSelect;
export type ResultInsert = typeof cameraCriterionResults.$inferInsert;
export type Target = 'camera' | 'system';

export async function countBuiltinSets(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(cameraCriteriaSets)
    .where(eq(cameraCriteriaSets.builtin, true));
  return row?.n ?? 0;
}

export async function insertSetIfMissing(db: Executor, values: typeof cameraCriteriaSets.$inferInsert) {
  await db.insert(cameraCriteriaSets).values(values).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(cameraCriteriaSets)
    .where(and(eq(cameraCriteriaSets.code, values.code), eq(cameraCriteriaSets.version, values.version)));
  return row!;
}

export async function insertCriteria(db: Executor, rows: (typeof cameraCriteria.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(cameraCriteria).values(rows).onConflictDoNothing().returning();
}

export async function findSetByCodeVersion(db: Executor, code: string, version: string) {
  const [row] = await db
    .select()
    .from(cameraCriteriaSets)
    .where(and(eq(cameraCriteriaSets.code, code), eq(cameraCriteriaSets.version, version)));
  return row;
}

export async function findSetById(db: Executor, id: string) {
  const [row] = await db.select().from(cameraCriteriaSets).where(eq(cameraCriteriaSets.id, id));
  return row;
}

export async function retireOtherVersions(db: Executor, code: string, keepId: string) {
  await db
    .update(cameraCriteriaSets)
    .set({ active: false })
    .where(and(eq(cameraCriteriaSets.code, code), sql`${cameraCriteriaSets.id} <> ${keepId}`));
}

export async function listSetsWithCriteria(db: Executor) {
  const sets = await db
    .select()
    .from(cameraCriteriaSets)
    .orderBy(asc(cameraCriteriaSets.code), desc(cameraCriteriaSets.version));
  const criteria = await db
    .select()
    .from(cameraCriteria)
    .orderBy(asc(cameraCriteria.position), asc(cameraCriteria.key));
  return { sets, criteria };
}

export async function countCriteriaOfSet(db: Executor, setId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cameraCriteria).where(eq(cameraCriteria.setId, setId));
  return row?.n ?? 0;
}

const scopesFor = (target: Target) =>
  (target === 'camera' ? ['camera', 'both'] : ['system', 'both']) as ('camera' | 'system' | 'both')[];

/** The criteria of active sets that apply to a camera or a system. */
export function applicableCriteria(target: Target): SQL {
  return and(eq(cameraCriteriaSets.active, true), inArray(cameraCriteria.scope, scopesFor(target)))!;
}

export async function findActiveCriterionByKey(db: Executor, key: string) {
  const [row] = await db
    .select({ criterion: cameraCriteria })
    .from(cameraCriteria)
    .innerJoin(cameraCriteriaSets, eq(cameraCriteriaSets.id, cameraCriteria.setId))
    .where(and(eq(cameraCriteria.key, key), eq(cameraCriteriaSets.active, true)))
    .orderBy(desc(cameraCriteriaSets.createdAt))
    .limit(1);
  return row?.criterion;
}

export async function findCriterion(db: Executor, id: string) {
  const [row] = await db.select().from(cameraCriteria).where(eq(cameraCriteria.id, id));
  return row;
}

/** Every applicable criterion with this target's result (null when none is recorded). */
export async function checklistRows(db: Executor, target: Target, targetId: string) {
  const resultOn = and(
    eq(cameraCriterionResults.criterionId, cameraCriteria.id),
    target === 'camera'
      ? eq(cameraCriterionResults.cameraId, targetId)
      : eq(cameraCriterionResults.systemId, targetId),
  );
  return db
    .select({ criterion: cameraCriteria, set: cameraCriteriaSets, result: cameraCriterionResults })
    .from(cameraCriteria)
    .innerJoin(cameraCriteriaSets, eq(cameraCriteriaSets.id, cameraCriteria.setId))
    .leftJoin(cameraCriterionResults, resultOn)
    .where(applicableCriteria(target))
    .orderBy(asc(cameraCriteriaSets.code), asc(cameraCriteria.position), asc(cameraCriteria.key));
}

export async function findResult(db: Executor, target: Target, targetId: string, criterionId: string) {
  const [row] = await db
    .select()
    .from(cameraCriterionResults)
    .where(
      and(
        eq(cameraCriterionResults.criterionId, criterionId),
        target === 'camera'
          ? eq(cameraCriterionResults.cameraId, targetId)
          : eq(cameraCriterionResults.systemId, targetId),
      ),
    );
  return row;
}

export async function upsertResult(db: Executor, values: ResultInsert): Promise<ResultRow> {
  const isCamera = Boolean(values.cameraId);
  const { id: _id, ...update } = values;
  const [row] = await db
    .insert(cameraCriterionResults)
    .values(values)
    .onConflictDoUpdate({
      target: isCamera
        ? [cameraCriterionResults.criterionId, cameraCriterionResults.cameraId]
        : [cameraCriterionResults.criterionId, cameraCriterionResults.systemId],
      targetWhere: isCamera
        ? sql`${cameraCriterionResults.cameraId} is not null`
        : sql`${cameraCriterionResults.systemId} is not null`,
      set: { ...update, recordedAt: values.recordedAt ?? new Date() },
    })
    .returning();
  return row!;
}

const inSubtree = (path: string) => like(units.path, likePrefix(path));

/** Cameras and systems per unit of the subtree (the denominators of compliance). */
export async function targetCountsPerUnit(db: Executor, path: string) {
  const cams = await db
    .select({ unitId: cameras.unitId, n: count() })
    .from(cameras)
    .innerJoin(units, eq(units.id, cameras.unitId))
    .where(inSubtree(path))
    .groupBy(cameras.unitId);
  const systems = await db
    .select({ unitId: cameraSystems.unitId, n: count() })
    .from(cameraSystems)
    .innerJoin(units, eq(units.id, cameraSystems.unitId))
    .where(inSubtree(path))
    .groupBy(cameraSystems.unitId);
  const unitRows = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(inSubtree(path))
    .orderBy(asc(units.path));
  return { cams, systems, unitRows };
}

/** Applicable criteria per set and target kind. */
export async function applicableCounts(db: Executor) {
  return db
    .select({
      setCode: cameraCriteriaSets.code,
      setVersion: cameraCriteriaSets.version,
      setName: cameraCriteriaSets.name,
      camera: sql<number>`count(*) filter (where ${cameraCriteria.scope} in ('camera','both'))`.mapWith(
        Number,
      ),
      system: sql<number>`count(*) filter (where ${cameraCriteria.scope} in ('system','both'))`.mapWith(
        Number,
      ),
    })
    .from(cameraCriteria)
    .innerJoin(cameraCriteriaSets, eq(cameraCriteriaSets.id, cameraCriteria.setId))
    .where(eq(cameraCriteriaSets.active, true))
    .groupBy(cameraCriteriaSets.code, cameraCriteriaSets.version, cameraCriteriaSets.name)
    .orderBy(asc(cameraCriteriaSets.code));
}

/**
 * Results in the subtree (optionally of one system and its cameras) grouped by unit, criterion, status and
 * target kind: one pass over the results table alone, no join per row. The caller maps criteria (a few
 * dozen) to their set, scope and activity in memory.
 */
export async function resultGroups(db: Executor, path: string, systemId?: string) {
  const r = cameraCriterionResults;
  const systemFilter = systemId
    ? or(
        eq(r.systemId, systemId),
        sql`${r.cameraId} in (select id from cameras where system_id = ${systemId})`,
      )
    : undefined;
  return db
    .select({
      unitId: r.unitId,
      criterionId: r.criterionId,
      status: r.status,
      onCamera: sql<boolean>`${r.cameraId} is not null`,
      n: count(),
    })
    .from(r)
    .where(and(sql`${r.unitId} in (select id from units where path like ${likePrefix(path)})`, systemFilter))
    .groupBy(r.unitId, r.criterionId, r.status, sql`${r.cameraId} is not null`);
}

/** Every criterion with its set's code, version and activity (a few dozen rows). */
export async function criteriaWithSets(db: Executor) {
  return db
    .select({
      id: cameraCriteria.id,
      key: cameraCriteria.key,
      titleVi: cameraCriteria.titleVi,
      scope: cameraCriteria.scope,
      setCode: cameraCriteriaSets.code,
      active: cameraCriteriaSets.active,
    })
    .from(cameraCriteria)
    .innerJoin(cameraCriteriaSets, eq(cameraCriteriaSets.id, cameraCriteria.setId));
}
