import { and, asc, count, desc, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { storedFiles } from '../files/schema';
import { hosts } from '../inventory/schema';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import { users } from '../users/schema';
import {
  incidentDeadlineSettings,
  incidentEvents,
  incidentEvidence,
  incidentIndicators,
  incidentReminders,
  incidentReports,
  incidents,
} from './schema';

export type IncidentRow = typeof incidents.$inferSelect & {
  unitName: string;
  unitPath: string;
  ownerName: string | null;
};

/** A case with its unit and its owner's display name (the owner may have been removed: left join). */
const caseColumns = {
  incident: incidents,
  unitName: units.name,
  unitPath: units.path,
  ownerName: users.displayName,
};

function toRow(r: {
  incident: typeof incidents.$inferSelect;
  unitName: string;
  unitPath: string;
  ownerName: string | null;
}): IncidentRow {
  return { ...r.incident, unitName: r.unitName, unitPath: r.unitPath, ownerName: r.ownerName };
}
export type ReportRow = typeof incidentReports.$inferSelect;

export async function findIncident(db: Executor, id: string): Promise<IncidentRow | undefined> {
  const [row] = await db
    .select(caseColumns)
    .from(incidents)
    .innerJoin(units, eq(units.id, incidents.unitId))
    .leftJoin(users, eq(users.id, incidents.ownerUserId))
    .where(eq(incidents.id, id));
  return row ? toRow(row) : undefined;
}

export async function findIncidentBySource(db: Executor, kind: string, sourceId: string) {
  const [row] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.sourceKind, kind as 'alert'), eq(incidents.sourceId, sourceId)));
  return row?.id;
}

/**
 * Every case in the caller's subtree matching the filter, with its reports: the list sorts by the nearest computed
 * deadline, which SQL cannot know, so the page is cut after sorting (a unit has hundreds of cases, not millions).
 */
export async function findIncidentsInScope(
  db: Executor,
  filter: { unitPath: string | null; status?: string; unitId?: string },
): Promise<IncidentRow[]> {
  const where = [
    filter.unitPath ? like(units.path, likePrefix(filter.unitPath)) : undefined,
    filter.unitId ? eq(incidents.unitId, filter.unitId) : undefined,
    filter.status === 'open' ? ne(incidents.status, 'closed') : undefined,
    filter.status && filter.status !== 'open' ? eq(incidents.status, filter.status as 'new') : undefined,
  ].filter((w) => w !== undefined);
  const rows = await db
    .select(caseColumns)
    .from(incidents)
    .innerJoin(units, eq(units.id, incidents.unitId))
    .leftJoin(users, eq(users.id, incidents.ownerUserId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(incidents.detectedAt))
    .limit(5_000);
  return rows.map(toRow);
}

export async function findReports(db: Executor, incidentIds: string[]): Promise<ReportRow[]> {
  if (incidentIds.length === 0) return [];
  return db.select().from(incidentReports).where(inArray(incidentReports.incidentId, incidentIds));
}

/** The reports of every case in the subtree, in one join (not an IN list of thousands of ids). */
export async function findReportsInScope(db: Executor, unitPath: string | null): Promise<ReportRow[]> {
  const rows = await db
    .select({ report: incidentReports })
    .from(incidentReports)
    .innerJoin(incidents, eq(incidents.id, incidentReports.incidentId))
    .innerJoin(units, eq(units.id, incidents.unitId))
    .where(unitPath ? like(units.path, likePrefix(unitPath)) : undefined);
  return rows.map((r) => r.report);
}

export async function findReport(db: Executor, incidentId: string, form: string) {
  const [row] = await db
    .select()
    .from(incidentReports)
    .where(and(eq(incidentReports.incidentId, incidentId), eq(incidentReports.form, form as 'thong_bao')));
  return row;
}

/** Serialises reference numbering per year: two cases opened at once never get the same "SC-2026-0007". */
export async function nextReference(db: Executor, year: number): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(${0x1c1d_2026}, ${year})`);
  const prefix = `SC-${year}-`;
  const [row] = await db
    .select({ n: count() })
    .from(incidents)
    .where(like(incidents.reference, likePrefix(prefix)));
  return `${prefix}${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function findTimeline(db: Executor, incidentId: string) {
  return db
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.recordedAt));
}

export async function findIndicators(db: Executor, incidentId: string) {
  return db
    .select()
    .from(incidentIndicators)
    .where(eq(incidentIndicators.incidentId, incidentId))
    .orderBy(asc(incidentIndicators.createdAt));
}

export async function findEvidence(db: Executor, incidentId: string) {
  const rows = await db
    .select({
      evidence: incidentEvidence,
      file: {
        id: storedFiles.id,
        unitId: storedFiles.unitId,
        name: storedFiles.name,
        kind: storedFiles.kind,
        size: storedFiles.size,
        sha256: storedFiles.sha256,
        createdBy: storedFiles.createdBy,
        createdAt: storedFiles.createdAt,
      },
    })
    .from(incidentEvidence)
    .innerJoin(storedFiles, eq(storedFiles.id, incidentEvidence.fileId))
    .where(eq(incidentEvidence.incidentId, incidentId))
    .orderBy(asc(incidentEvidence.addedAt));
  return rows.map(({ evidence, file }) => ({
    id: evidence.id,
    description: evidence.description,
    addedBy: evidence.addedBy,
    addedAt: evidence.addedAt,
    file,
  }));
}

/** The hosts among ids that lie in the subtree (null = everywhere). */
export async function findHostsInScope(db: Executor, ids: string[], unitPath: string | null) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: hosts.id, hostname: hosts.hostname, path: units.path })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(inArray(hosts.id, ids));
  return rows.filter((r) => unitPath === null || r.path.startsWith(unitPath));
}

export async function findDeadlineSettings(db: Executor) {
  return db.select().from(incidentDeadlineSettings);
}

export async function insertReminders(db: Executor, rows: (typeof incidentReminders.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(incidentReminders).values(rows).onConflictDoNothing().returning();
}

export async function findIncidentIdByReference(db: Executor, reference: string) {
  const [row] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.reference, reference.toUpperCase()));
  return row?.id;
}

/**
 * Who is told about each case's deadlines: its owner, or (a case without one, e.g. opened by a job) the person who
 * opened it, as a username. Disabled people are left out by the caller.
 */
export async function incidentOwners(
  db: Executor,
  ids: string[],
): Promise<Map<string, { ownerUserId: string | null; createdBy: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: incidents.id, ownerUserId: incidents.ownerUserId, createdBy: incidents.createdBy })
    .from(incidents)
    .where(inArray(incidents.id, ids));
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

/**
 * The people who may own a case: enabled handlers (admin, unit officer, on duty) of the given units (the case's
 * unit, its affected units and the root), by unit then name.
 */
export async function findOwnerCandidates(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      unitId: users.unitId,
      unitName: units.name,
      disabled: users.disabled,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(inArray(users.unitId, unitIds), eq(users.disabled, false)))
    .orderBy(asc(units.path), asc(users.displayName));
}
