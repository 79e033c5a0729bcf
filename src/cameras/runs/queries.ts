import { and, desc, eq, like } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { cameraAuditFindings, cameraAuditRuns } from './schema';

export type AuditRunRow = typeof cameraAuditRuns.$inferSelect;
export type AuditRunInsert = typeof cameraAuditRuns.$inferInsert;
export type AuditFindingRow = typeof cameraAuditFindings.$inferSelect;
export type AuditFindingInsert = typeof cameraAuditFindings.$inferInsert;

/** The unit's latest run before this one (by finish time): the base of the new / open / fixed comparison. */
export async function latestRun(db: Executor, unitId: string): Promise<AuditRunRow | undefined> {
  const [row] = await db
    .select()
    .from(cameraAuditRuns)
    .where(eq(cameraAuditRuns.unitId, unitId))
    .orderBy(desc(cameraAuditRuns.finishedAt))
    .limit(1);
  return row;
}

export async function insertRun(db: Executor, values: AuditRunInsert): Promise<AuditRunRow> {
  const [row] = await db.insert(cameraAuditRuns).values(values).returning();
  if (!row) throw new Error('insert camera_audit_runs returned nothing');
  return row;
}

export async function insertFindings(db: Executor, rows: AuditFindingInsert[]): Promise<void> {
  if (rows.length > 0) await db.insert(cameraAuditFindings).values(rows);
}

export async function findingsOfRun(db: Executor, runId: string): Promise<AuditFindingRow[]> {
  return db
    .select()
    .from(cameraAuditFindings)
    .where(eq(cameraAuditFindings.runId, runId))
    .orderBy(cameraAuditFindings.address, cameraAuditFindings.findingKey, cameraAuditFindings.port);
}

export async function findRun(db: Executor, id: string) {
  const [row] = await db
    .select({ run: cameraAuditRuns, unitPath: units.path })
    .from(cameraAuditRuns)
    .innerJoin(units, eq(units.id, cameraAuditRuns.unitId))
    .where(eq(cameraAuditRuns.id, id));
  return row;
}

export async function listRunRows(
  db: Executor,
  path: string | null,
  unitId: string | undefined,
  limit: number,
) {
  const filters = [
    path ? like(units.path, likePrefix(path)) : undefined,
    unitId ? eq(cameraAuditRuns.unitId, unitId) : undefined,
  ];
  return db
    .select({ run: cameraAuditRuns })
    .from(cameraAuditRuns)
    .innerJoin(units, eq(units.id, cameraAuditRuns.unitId))
    .where(and(...filters))
    .orderBy(desc(cameraAuditRuns.finishedAt))
    .limit(limit);
}

/** The latest run that has a finding row (new, open or fixed) for this camera. */
export async function latestRunWithCamera(db: Executor, cameraId: string): Promise<AuditRunRow | undefined> {
  const [row] = await db
    .select({ run: cameraAuditRuns })
    .from(cameraAuditRuns)
    .innerJoin(cameraAuditFindings, eq(cameraAuditFindings.runId, cameraAuditRuns.id))
    .where(eq(cameraAuditFindings.cameraId, cameraId))
    .orderBy(desc(cameraAuditRuns.finishedAt))
    .limit(1);
  return row?.run;
}

export async function findingsOfCamera(db: Executor, runId: string, cameraId: string) {
  return db
    .select()
    .from(cameraAuditFindings)
    .where(and(eq(cameraAuditFindings.runId, runId), eq(cameraAuditFindings.cameraId, cameraId)))
    .orderBy(cameraAuditFindings.findingKey, cameraAuditFindings.port);
}
