import { eq } from 'drizzle-orm';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { loadUnitInScope } from '../units/service';
import type {
  Incident,
  IncidentCreate,
  IncidentDetail,
  IncidentListItem,
  IncidentQuery,
  IncidentUpdate,
} from './contract';
import { IncidentCreate as IncidentCreateSchema } from './contract';
import type { IncidentSource, TimelineKind } from './model';
import { checkOwner, defaultOwner } from './owner-check';
import {
  findEvidence,
  findHostsInScope,
  findIncident,
  findIncidentBySource,
  findIncidentsInScope,
  findIndicators,
  findReports,
  findReportsInScope,
  findTimeline,
  type IncidentRow,
  nextReference,
} from './queries';
import { regimeAt } from './regimes';
import { groupByIncident, loadDeadlineOverrides, nextDeadline, summariseReports } from './report-status';
import { incidentEvents, incidents } from './schema';
import { allowedTransitions } from './workflow';

export function toIncident(row: IncidentRow): Incident {
  const { unitPath: _path, ...rest } = row;
  return rest;
}

/** Loads a case the caller may see: INCIDENT_NOT_FOUND, or SCOPE_FORBIDDEN as for every unit's data. */
export async function loadIncidentInScope(ctx: Ctx, id: string): Promise<IncidentRow> {
  const row = await findIncident(ctx.db, id);
  if (!row) throw new AppError('INCIDENT_NOT_FOUND', { incidentId: id });
  assertInScope(ctx, { id: row.unitId, path: row.unitPath });
  return row;
}

/** One timeline line, in the caller's transaction. */
export async function addEvent(
  ctx: Ctx,
  incidentId: string,
  kind: TimelineKind,
  text: string,
  details: Record<string, unknown> = {},
  at: Date = new Date(),
): Promise<void> {
  await ctx.db
    .insert(incidentEvents)
    .values({ incidentId, at, kind, text, actorName: ctx.actor.name, details });
}

async function checkLinks(ctx: Ctx, input: { hostIds?: string[]; affectedUnitIds?: string[] }) {
  const hostIds = [...new Set(input.hostIds ?? [])];
  const found = await findHostsInScope(ctx.db, hostIds, ctx.unitPath);
  const missing = hostIds.find((id) => !found.some((h) => h.id === id));
  if (missing) throw new AppError('INCIDENT_HOST_UNKNOWN', { hostId: missing });
  for (const unitId of input.affectedUnitIds ?? []) await loadUnitInScope(ctx, unitId);
}

async function insertIncident(
  tx: Ctx,
  input: ReturnType<typeof IncidentCreateSchema.parse>,
  source: IncidentSource,
): Promise<Incident> {
  await loadUnitInScope(tx, input.unitId);
  await checkLinks(tx, input);
  const ownerUserId = input.ownerUserId
    ? (await checkOwner(tx, input, input.ownerUserId)).id
    : await defaultOwner(tx, input);
  const year = Number(new Date(input.detectedAt.getTime() + 7 * 3600_000).toISOString().slice(0, 4));
  const reference = await nextReference(tx.db, year);
  const [inserted] = await tx.db
    .insert(incidents)
    .values({
      ...input,
      ownerUserId,
      regime: input.regime ?? regimeAt(input.detectedAt),
      reference,
      sourceKind: source.kind,
      sourceId: source.id,
      sourceSummary: source.summary || null,
      createdBy: tx.actor.name,
    })
    .returning({ id: incidents.id });
  const id = inserted!.id;
  await addEvent(tx, id, 'opened', source.kind === 'manual' ? 'Mở sự cố' : `Mở sự cố từ: ${source.summary}`, {
    source,
  });
  await recordAudit(tx, {
    action: 'incident.open',
    unitId: input.unitId,
    targetType: 'incident',
    targetId: id,
    details: { reference, title: input.title, severity: input.severity, source: source.kind },
  });
  return toIncident((await findIncident(tx.db, id))!);
}

/** Opens a case by hand. */
export async function openIncident(ctx: Ctx, input: IncidentCreate): Promise<Incident> {
  const parsed = IncidentCreateSchema.parse(input);
  return inTransaction(ctx, (tx) => insertIncident(tx, parsed, { kind: 'manual', id: null, summary: '' }));
}

/**
 * Opens a case from another capability's record (an alert, a camera or vulnerability finding, a unit's report), in
 * the caller's transaction. One case per source: calling it again for the same {kind, id} returns the open case.
 */
export async function openIncidentFrom(
  ctx: Ctx,
  source: IncidentSource,
  input: Omit<IncidentCreate, 'title'> & { title?: string },
): Promise<{ incident: Incident; created: boolean }> {
  return inTransaction(ctx, async (tx) => {
    if (source.id) {
      const existing = await findIncidentBySource(tx.db, source.kind, source.id);
      if (existing) return { incident: toIncident(await loadIncidentInScope(tx, existing)), created: false };
    }
    const parsed = IncidentCreateSchema.parse({
      ...input,
      title: input.title ?? source.summary.slice(0, 300),
    });
    return { incident: await insertIncident(tx, parsed, source), created: true };
  });
}

export async function listIncidents(
  ctx: Ctx,
  query: IncidentQuery,
  now = new Date(),
): Promise<Page<IncidentListItem>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const rows = await findIncidentsInScope(ctx.db, {
    unitPath: ctx.unitPath,
    status: query.status,
    unitId: query.unitId,
  });
  const reports = groupByIncident(await findReportsInScope(ctx.db, ctx.unitPath));
  const overrides = await loadDeadlineOverrides(ctx.db);
  const items = rows.map((row) => ({
    ...toIncident(row),
    nextDeadline: nextDeadline(row, reports.get(row.id) ?? [], overrides, now),
  }));
  // Deadlines first: the nearest (or most overdue) unsent report on top, then cases without one, newest first.
  items.sort((a, b) => {
    const da = a.nextDeadline?.dueAt.getTime() ?? Number.POSITIVE_INFINITY;
    const dbb = b.nextDeadline?.dueAt.getTime() ?? Number.POSITIVE_INFINITY;
    return da !== dbb ? da - dbb : b.detectedAt.getTime() - a.detectedAt.getTime();
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getIncidentDetail(ctx: Ctx, id: string, now = new Date()): Promise<IncidentDetail> {
  const row = await loadIncidentInScope(ctx, id);
  const [timeline, indicators, evidence, reports, overrides] = await Promise.all([
    findTimeline(ctx.db, id),
    findIndicators(ctx.db, id),
    findEvidence(ctx.db, id),
    findReports(ctx.db, [id]),
    loadDeadlineOverrides(ctx.db),
  ]);
  return {
    ...toIncident(row),
    allowedTransitions: [...allowedTransitions(row.status)],
    timeline,
    indicators,
    evidence,
    reports: summariseReports(row, reports, overrides, now),
  };
}

export async function updateIncident(ctx: Ctx, id: string, patch: IncidentUpdate): Promise<Incident> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadIncidentInScope(tx, id);
    await checkLinks(tx, patch);
    await tx.db
      .update(incidents)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(incidents.id, id));
    const changed = Object.keys(patch);
    await addEvent(tx, id, 'updated', `Cập nhật: ${changed.join(', ')}`, { fields: changed });
    await recordAudit(tx, {
      action: 'incident.update',
      unitId: row.unitId,
      targetType: 'incident',
      targetId: id,
      details: { fields: changed },
    });
    return toIncident((await findIncident(tx.db, id))!);
  });
}
