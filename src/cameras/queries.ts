import { and, asc, count, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likeContains, likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { CameraQuery } from './camera-contract';
import { cameraLevelAssessments, cameraScanScopes, cameraSystems, cameras } from './schema';

export type SystemRow = typeof cameraSystems.$inferSelect;
export type SystemInsert = Omit<typeof cameraSystems.$inferInsert, 'nameKey'>;

/** A system name as uniqueness sees it: NFC, trimmed, lower-cased the Vietnamese way, in code on every database. */
export function systemNameKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('vi');
}
export type AssessmentRow = typeof cameraLevelAssessments.$inferSelect;
export type CameraRow = typeof cameras.$inferSelect;
export type CameraInsert = typeof cameras.$inferInsert;
export type ScopeRow = typeof cameraScanScopes.$inferSelect;

// Serialises writes to one unit's camera inventory (CSV import, audit upserts) across connections.
const CAMERA_LOCK_CLASS = 7_262_040;

export async function lockUnitCameras(db: Executor, unitId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${CAMERA_LOCK_CLASS}, hashtext(${unitId}))`);
}

const scopeFilter = (scopePath: string | null) =>
  scopePath ? like(units.path, likePrefix(scopePath)) : undefined;

// ---- systems ----
export async function findSystem(db: Executor, id: string) {
  const [row] = await db
    .select({ system: cameraSystems, unitPath: units.path })
    .from(cameraSystems)
    .innerJoin(units, eq(units.id, cameraSystems.unitId))
    .where(eq(cameraSystems.id, id));
  return row;
}

export async function findSystemByName(db: Executor, unitId: string, name: string) {
  const [row] = await db
    .select()
    .from(cameraSystems)
    .where(and(eq(cameraSystems.unitId, unitId), eq(cameraSystems.nameKey, systemNameKey(name))));
  return row;
}

export async function listSystemRows(
  db: Executor,
  scopePath: string | null,
  query: { unitPath?: string; q?: string; page: number; pageSize: number },
) {
  const where = and(
    scopeFilter(scopePath),
    query.unitPath ? like(units.path, likePrefix(query.unitPath)) : undefined,
    query.q ? ilike(cameraSystems.name, likeContains(query.q)) : undefined,
  );
  const items = await db
    .select({ system: cameraSystems })
    .from(cameraSystems)
    .innerJoin(units, eq(units.id, cameraSystems.unitId))
    .where(where)
    .orderBy(asc(units.path), asc(cameraSystems.name))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(cameraSystems)
    .innerJoin(units, eq(units.id, cameraSystems.unitId))
    .where(where);
  return { items: items.map((r) => r.system), total };
}

/** Per system: linked inventory cameras and the latest approved level. */
export async function systemFacts(db: Executor, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { cameras: number; level: number | null; regime: string | null }>();
  const counts = await db
    .select({ systemId: cameras.systemId, n: count() })
    .from(cameras)
    .where(inArray(cameras.systemId, ids))
    .groupBy(cameras.systemId);
  const approved = await db
    .selectDistinctOn([cameraLevelAssessments.systemId], {
      systemId: cameraLevelAssessments.systemId,
      level: cameraLevelAssessments.level,
      regime: cameraLevelAssessments.regime,
    })
    .from(cameraLevelAssessments)
    .where(and(inArray(cameraLevelAssessments.systemId, ids), eq(cameraLevelAssessments.status, 'approved')))
    .orderBy(cameraLevelAssessments.systemId, desc(cameraLevelAssessments.approvedAt));
  const facts = new Map(
    ids.map((id) => [id, { cameras: 0, level: null as number | null, regime: null as string | null }]),
  );
  for (const c of counts) if (c.systemId) facts.get(c.systemId)!.cameras = c.n;
  for (const a of approved) Object.assign(facts.get(a.systemId)!, { level: a.level, regime: a.regime });
  return facts;
}

export async function insertSystem(db: Executor, values: SystemInsert): Promise<SystemRow> {
  const [row] = await db
    .insert(cameraSystems)
    .values({ ...values, nameKey: systemNameKey(values.name) })
    .returning();
  return row!;
}

export async function updateSystemRow(
  db: Executor,
  id: string,
  values: Partial<SystemInsert>,
): Promise<SystemRow> {
  const [row] = await db
    .update(cameraSystems)
    .set({
      ...values,
      ...(values.name === undefined ? {} : { nameKey: systemNameKey(values.name) }),
      updatedAt: new Date(),
    })
    .where(eq(cameraSystems.id, id))
    .returning();
  return row!;
}

export async function deleteSystemRow(db: Executor, id: string): Promise<void> {
  await db.delete(cameraSystems).where(eq(cameraSystems.id, id));
}

// ---- assessments ----
export async function listAssessmentRows(db: Executor, systemId: string): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(cameraLevelAssessments)
    .where(eq(cameraLevelAssessments.systemId, systemId))
    .orderBy(desc(cameraLevelAssessments.proposedAt));
}

export async function findAssessment(db: Executor, systemId: string, id: string) {
  const [row] = await db
    .select()
    .from(cameraLevelAssessments)
    .where(and(eq(cameraLevelAssessments.id, id), eq(cameraLevelAssessments.systemId, systemId)));
  return row;
}

export async function insertAssessment(db: Executor, values: typeof cameraLevelAssessments.$inferInsert) {
  const [row] = await db.insert(cameraLevelAssessments).values(values).returning();
  return row!;
}

export async function supersedeOpenAssessments(db: Executor, systemId: string): Promise<number> {
  const rows = await db
    .update(cameraLevelAssessments)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(cameraLevelAssessments.systemId, systemId),
        inArray(cameraLevelAssessments.status, ['proposed', 'appraised']),
      ),
    )
    .returning({ id: cameraLevelAssessments.id });
  return rows.length;
}

export async function updateAssessmentRow(
  db: Executor,
  id: string,
  values: Partial<typeof cameraLevelAssessments.$inferInsert>,
): Promise<AssessmentRow> {
  const [row] = await db
    .update(cameraLevelAssessments)
    .set(values)
    .where(eq(cameraLevelAssessments.id, id))
    .returning();
  return row!;
}

// ---- cameras ----
export async function findCamera(db: Executor, id: string) {
  const [row] = await db
    .select({ camera: cameras, unitPath: units.path })
    .from(cameras)
    .innerJoin(units, eq(units.id, cameras.unitId))
    .where(eq(cameras.id, id));
  return row;
}

export async function listCameraRows(
  db: Executor,
  scopePath: string | null,
  query: CameraQuery & { unitPath?: string },
) {
  const where = and(
    scopeFilter(scopePath),
    query.unitPath ? like(units.path, likePrefix(query.unitPath)) : undefined,
    query.systemId ? eq(cameras.systemId, query.systemId) : undefined,
    query.q
      ? or(
          ilike(cameras.name, likeContains(query.q)),
          ilike(cameras.vendor, likeContains(query.q)),
          ilike(cameras.model, likeContains(query.q)),
          like(cameras.ip, likePrefix(query.q)),
          ilike(cameras.location, likeContains(query.q)),
        )
      : undefined,
  );
  const items = await db
    .select({ camera: cameras })
    .from(cameras)
    .innerJoin(units, eq(units.id, cameras.unitId))
    .where(where)
    .orderBy(asc(units.path), asc(cameras.ip), asc(cameras.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(cameras)
    .innerJoin(units, eq(units.id, cameras.unitId))
    .where(where);
  return { items: items.map((r) => r.camera), total };
}

/** The camera a device is, by MAC, then serial, then IP (only a camera with neither MAC nor serial). */
export async function findCameraByIdentity(
  db: Executor,
  unitId: string,
  identity: { mac?: string | null; serial?: string | null; ip?: string | null },
): Promise<CameraRow | undefined> {
  const tries: SQL[] = [];
  if (identity.mac) tries.push(eq(cameras.mac, identity.mac));
  if (identity.serial) tries.push(eq(cameras.serial, identity.serial));
  for (const where of tries) {
    const [row] = await db
      .select()
      .from(cameras)
      .where(and(eq(cameras.unitId, unitId), where))
      .limit(1);
    if (row) return row;
  }
  if (!identity.ip) return undefined;
  const [row] = await db
    .select()
    .from(cameras)
    .where(
      and(
        eq(cameras.unitId, unitId),
        eq(cameras.ip, identity.ip),
        identity.mac ? sql`${cameras.mac} is null` : undefined,
        identity.serial ? sql`${cameras.serial} is null` : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function insertCamera(db: Executor, values: CameraInsert): Promise<CameraRow> {
  const [row] = await db.insert(cameras).values(values).returning();
  return row!;
}

export async function updateCameraRow(
  db: Executor,
  id: string,
  values: Partial<CameraInsert>,
): Promise<CameraRow> {
  const [row] = await db
    .update(cameras)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(cameras.id, id))
    .returning();
  return row!;
}

export async function deleteCameraRow(db: Executor, id: string): Promise<void> {
  await db.delete(cameras).where(eq(cameras.id, id));
}

/** Camera counts by vendor and model for a system (the dossier's device table). */
export async function cameraModelsOfSystem(db: Executor, systemId: string) {
  return db
    .select({
      vendor: cameras.vendor,
      model: cameras.model,
      n: count(),
      locations: sql<string[]>`array_remove(array_agg(distinct ${cameras.location}), null)`,
      ips: sql<string[]>`array_remove(array_agg(distinct ${cameras.ip}), null)`,
    })
    .from(cameras)
    .where(eq(cameras.systemId, systemId))
    .groupBy(cameras.vendor, cameras.model)
    .orderBy(asc(cameras.vendor), asc(cameras.model));
}

// ---- scan scopes ----
export async function findScope(db: Executor, unitId: string): Promise<ScopeRow | undefined> {
  const [row] = await db.select().from(cameraScanScopes).where(eq(cameraScanScopes.unitId, unitId));
  return row;
}

export async function listScopeRows(db: Executor, scopePath: string | null): Promise<ScopeRow[]> {
  const rows = await db
    .select({ scope: cameraScanScopes })
    .from(cameraScanScopes)
    .innerJoin(units, eq(units.id, cameraScanScopes.unitId))
    .where(scopeFilter(scopePath))
    .orderBy(asc(units.path));
  return rows.map((r) => r.scope);
}

export async function upsertScope(
  db: Executor,
  values: typeof cameraScanScopes.$inferInsert,
): Promise<ScopeRow> {
  const { unitId: _u, ...update } = values;
  const [row] = await db
    .insert(cameraScanScopes)
    .values(values)
    .onConflictDoUpdate({ target: cameraScanScopes.unitId, set: update })
    .returning();
  return row!;
}

/**
 * The units' own camera systems with their latest approved level (null when none is approved yet): the
 * "determine the level of camera systems" evidence of a directive task.
 */
export async function approvedLevelsOfUnits(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({
      unitId: cameraSystems.unitId,
      systemId: cameraSystems.id,
      name: cameraSystems.name,
      level: cameraLevelAssessments.level,
      approvedAt: cameraLevelAssessments.approvedAt,
    })
    .from(cameraSystems)
    .leftJoin(
      cameraLevelAssessments,
      and(
        eq(cameraLevelAssessments.systemId, cameraSystems.id),
        eq(cameraLevelAssessments.status, 'approved'),
      ),
    )
    .where(inArray(cameraSystems.unitId, unitIds))
    .orderBy(asc(cameraSystems.name), desc(cameraLevelAssessments.approvedAt));
  const bySystem = new Map<
    string,
    { unitId: string; systemId: string; name: string; level: number | null }
  >();
  for (const row of rows) {
    if (bySystem.has(row.systemId)) continue;
    bySystem.set(row.systemId, {
      unitId: row.unitId,
      systemId: row.systemId,
      name: row.name,
      level: row.level,
    });
  }
  return [...bySystem.values()];
}
