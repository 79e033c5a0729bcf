import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { findRootUnit, findUnitById } from '../units/queries';
import { loadUnitInScope } from '../units/service';
import type { ComplianceSummary, StatusCounts } from './checklist-contract';
import { applicableCounts, criteriaWithSets, resultGroups, targetCountsPerUnit } from './checklist-queries';
import { ensureBuiltinCriteria } from './checklist-service';

type Applicable = {
  unitId: string;
  setCode: string;
  key: string;
  titleVi: string;
  status: keyof StatusCounts;
  n: number;
};

/** Result groups of active criteria that apply to their target (a camera or a system). */
async function applicableResults(ctx: Ctx, path: string, systemId?: string): Promise<Applicable[]> {
  const criteria = new Map((await criteriaWithSets(ctx.db)).map((c) => [c.id, c]));
  const out: Applicable[] = [];
  for (const g of await resultGroups(ctx.db, path, systemId)) {
    const c = criteria.get(g.criterionId);
    if (!c?.active || c.scope === (g.onCamera ? 'system' : 'camera')) continue;
    out.push({
      unitId: g.unitId,
      setCode: c.setCode,
      key: c.key,
      titleVi: c.titleVi,
      status: g.status,
      n: g.n,
    });
  }
  return out;
}

/** The criteria that fail most, worst first, ties by id. */
function topFailing(results: Applicable[], limit = 10) {
  const failures = new Map<string, { key: string; titleVi: string; failures: number }>();
  for (const r of results) {
    if (r.status !== 'fail') continue;
    const f = failures.get(r.key) ?? { key: r.key, titleVi: r.titleVi, failures: 0 };
    f.failures += r.n;
    failures.set(r.key, f);
  }
  return [...failures.values()]
    .sort((a, b) => b.failures - a.failures || a.key.localeCompare(b.key))
    .slice(0, limit);
}

const zero = (): StatusCounts => ({ pass: 0, fail: 0, not_applicable: 0, unknown: 0 });

/** Unknown is whatever is not answered: applicable pairs minus pass, fail and not applicable. */
function closeUnknown(counts: StatusCounts, pairs: number): StatusCounts {
  return { ...counts, unknown: Math.max(0, pairs - counts.pass - counts.fail - counts.not_applicable) };
}

/**
 * Compliance at a glance for a unit and everything below it (the caller's own unit by default; the
 * root unit sees the whole tree): counts per status, per criteria set, per unit, and the criteria
 * that fail most. Computed by aggregates in the database, never by loading the checklist rows.
 */
export async function complianceSummary(ctx: Ctx, unitId?: string): Promise<ComplianceSummary> {
  const id = unitId ?? ctx.unitId;
  // The platform itself (CLI, jobs) has no unit: it sees the root unit's tree.
  const unit = id ? await loadUnitInScope(ctx, id) : await findRootUnit(ctx.db);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { unitId: id });
  return summarise(ctx, unit.id, unit.path);
}

async function summarise(ctx: Ctx, unitId: string, path: string): Promise<ComplianceSummary> {
  await ensureBuiltinCriteria(ctx);
  const sets = await applicableCounts(ctx.db);
  const { cams, systems, unitRows } = await targetCountsPerUnit(ctx.db, path);
  const results = await applicableResults(ctx, path);
  const camerasOf = new Map(cams.map((c) => [c.unitId, c.n]));
  const systemsOf = new Map(systems.map((s) => [s.unitId, s.n]));
  const perCamera = sets.reduce((n, s) => n + s.camera, 0);
  const perSystem = sets.reduce((n, s) => n + s.system, 0);
  const totalCameras = cams.reduce((n, c) => n + c.n, 0);
  const totalSystems = systems.reduce((n, s) => n + s.n, 0);

  const counts = zero();
  const bySet = new Map(sets.map((s) => [s.setCode, zero()]));
  const byUnit = new Map(unitRows.map((u) => [u.id, zero()]));
  for (const r of results) {
    if (r.status === 'unknown') continue;
    counts[r.status] += r.n;
    const set = bySet.get(r.setCode);
    if (set) set[r.status] += r.n;
    const u = byUnit.get(r.unitId);
    if (u) u[r.status] += r.n;
  }
  return {
    unitId,
    cameras: totalCameras,
    systems: totalSystems,
    criteria: sets.reduce((n, s) => n + Math.max(s.camera, s.system), 0),
    counts: closeUnknown(counts, totalCameras * perCamera + totalSystems * perSystem),
    perSet: sets.map((s) => ({
      setCode: s.setCode,
      setVersion: s.setVersion,
      counts: closeUnknown(bySet.get(s.setCode)!, totalCameras * s.camera + totalSystems * s.system),
    })),
    topFailing: topFailing(results),
    perUnit: unitRows
      .filter((u) => camerasOf.has(u.id) || systemsOf.has(u.id))
      .map((u) => ({
        unitId: u.id,
        unitCode: u.code,
        unitName: u.name,
        cameras: camerasOf.get(u.id) ?? 0,
        counts: closeUnknown(
          byUnit.get(u.id)!,
          (camerasOf.get(u.id) ?? 0) * perCamera + (systemsOf.get(u.id) ?? 0) * perSystem,
        ),
      })),
  };
}

/** Per criteria set, the results of one system and its cameras (the dossier's security-plan table). */
export async function systemCompliance(
  ctx: Ctx,
  system: { id: string; unitId: string },
  cameraCount: number,
) {
  await ensureBuiltinCriteria(ctx);
  const unit = await findUnitById(ctx.db, system.unitId);
  const sets = await applicableCounts(ctx.db);
  const results = await applicableResults(ctx, unit!.path, system.id);
  return sets.map((s) => {
    const counts = zero();
    for (const r of results) if (r.setCode === s.setCode && r.status !== 'unknown') counts[r.status] += r.n;
    return {
      setCode: s.setCode,
      setVersion: s.setVersion,
      setName: s.setName,
      counts: closeUnknown(counts, cameraCount * s.camera + s.system),
    };
  });
}
