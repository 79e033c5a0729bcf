import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Ctx } from '../core/context';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import { loadUnitInScope } from '../units/service';
import type { FindingSummary } from './findings-contract';
import { findings } from './schema';

const ACTIVE = ['open', 'in_progress', 'risk_accepted'] as const;
const n = (condition: ReturnType<typeof sql>) =>
  sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/** Counts per unit of the caller's scope (or of one unit's subtree): what the dashboard draws. */
export async function summarizeFindings(ctx: Ctx, unitId?: string): Promise<FindingSummary> {
  const path = unitId ? (await loadUnitInScope(ctx, unitId)).path : ctx.unitPath;
  const scope = path ? like(units.path, likePrefix(path)) : undefined;
  const vulnerable = sql`${findings.match} = 'vulnerable'`;
  const rows = await ctx.db
    .select({
      unitId: units.id,
      unitCode: units.code,
      unitName: units.name,
      critical: n(sql`${vulnerable} and ${findings.severity} = 'critical'`),
      high: n(sql`${vulnerable} and ${findings.severity} = 'high'`),
      medium: n(sql`${vulnerable} and ${findings.severity} = 'medium'`),
      low: n(sql`${vulnerable} and ${findings.severity} = 'low'`),
      none: n(sql`${vulnerable} and ${findings.severity} = 'none'`),
      overdue: n(
        sql`${vulnerable} and ${findings.dueAt} < now() and ${findings.status} in ('open', 'in_progress')`,
      ),
      exploited: n(sql`${vulnerable} and ${findings.exploited}`),
      unknown: n(sql`${findings.match} = 'unknown'`),
      hostsAffected: sql<number>`count(distinct ${findings.hostId}) filter (where ${vulnerable})`.mapWith(
        Number,
      ),
    })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .where(and(scope, inArray(findings.status, [...ACTIVE])))
    .groupBy(units.id, units.code, units.name, units.path)
    .orderBy(asc(units.path));
  const totals = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    none: 0,
    overdue: 0,
    exploited: 0,
    unknown: 0,
    hostsAffected: 0,
  };
  for (const row of rows)
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += row[key];
  return { totals, byUnit: rows };
}
