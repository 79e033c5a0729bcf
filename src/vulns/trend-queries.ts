import { and, asc, eq, gte, like, lte, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { FindingTrendPoint } from './findings-contract';
import { findings, findingTrend } from './schema';

/**
 * Replaces the rows of `day` with the counts as they stand now: one row per unit (zeros included).
 * "Open" is what the summary counts: vulnerable and still to work on (open, in progress, risk accepted);
 * overdue is past due and not parked as an accepted risk (findings-summary.ts, same definitions).
 */
export async function writeTrendDay(db: Executor, day: string, at: Date): Promise<number> {
  await db.delete(findingTrend).where(eq(findingTrend.day, day));
  const vulnerable = sql`f.match = 'vulnerable'`;
  const bySeverity = (severity: string) =>
    sql`count(*) filter (where ${vulnerable} and f.severity = ${severity})`;
  const stamp = sql`${at.toISOString()}::timestamptz`;
  const inserted = (await db.execute(sql`
    insert into ${findingTrend}
      (day, unit_id, critical, high, medium, low, none, exploited, overdue, unknown, taken_at)
    select ${day}::date, u.id,
      ${bySeverity('critical')}, ${bySeverity('high')}, ${bySeverity('medium')},
      ${bySeverity('low')}, ${bySeverity('none')},
      count(*) filter (where ${vulnerable} and f.exploited),
      count(*) filter (where ${vulnerable} and f.due_at < ${stamp} and f.status in ('open', 'in_progress')),
      count(*) filter (where f.match = 'unknown'),
      ${stamp}
    from ${units} u
    left join ${findings} f
      on f.unit_id = u.id and f.status in ('open', 'in_progress', 'risk_accepted')
    group by u.id
    returning 1`)) as unknown as { rows: unknown[] };
  return inserted.rows.length;
}

const total = (column: SQLWrapper) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

/** The subtree's counts summed per snapshot day between `from` and `to` (inclusive), oldest first. */
export async function readTrend(
  db: Executor,
  scopePath: string | null,
  from: string,
  to: string,
): Promise<FindingTrendPoint[]> {
  const t = findingTrend;
  const rows = await db
    .select({
      day: t.day,
      critical: total(t.critical),
      high: total(t.high),
      medium: total(t.medium),
      low: total(t.low),
      none: total(t.none),
      exploited: total(t.exploited),
      overdue: total(t.overdue),
      unknown: total(t.unknown),
    })
    .from(t)
    .innerJoin(units, eq(units.id, t.unitId))
    .where(
      and(gte(t.day, from), lte(t.day, to), scopePath ? like(units.path, likePrefix(scopePath)) : undefined),
    )
    .groupBy(t.day)
    .orderBy(asc(t.day));
  return rows.map((r) => ({ ...r, open: r.critical + r.high + r.medium + r.low + r.none }));
}
