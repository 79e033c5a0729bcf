import { type Ctx, inTransaction } from '../core/context';
import { loadUnitInScope } from '../units/service';
import type { FindingTrend, FindingTrendQuery } from './findings-contract';
import { readTrend, writeTrendDay } from './trend-queries';

// The jobs' zone (jobs/service.ts JOB_TIME_ZONE), repeated here: jobs/service imports the job registry,
// which imports this capability's job kinds, and a cycle at module load is not worth one constant.
const TREND_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an instant in Vietnam: a snapshot at 23:55 ICT belongs to that day. */
export function trendDayOf(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TREND_TIME_ZONE }).format(at);
}

/**
 * Takes the trend snapshot of the day `at` falls on (now by default), replacing an earlier one of the same
 * day. Derived counts, not a user's decision: not audited (the job that runs it is recorded in jobs).
 */
export async function snapshotFindingTrend(
  ctx: Ctx,
  at: Date = new Date(),
): Promise<{ day: string; units: number }> {
  const day = trendDayOf(at);
  const written = await inTransaction(ctx, (tx) => writeTrendDay(tx.db, day, at));
  return { day, units: written };
}

/** The last `days` days up to today, summed over the caller's subtree (or one unit's, in scope). */
export async function findingTrend(
  ctx: Ctx,
  query: FindingTrendQuery,
  now: Date = new Date(),
): Promise<FindingTrend> {
  const path = query.unitId ? (await loadUnitInScope(ctx, query.unitId)).path : ctx.unitPath;
  const to = trendDayOf(now);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (query.days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { unitId: query.unitId ?? null, from, to, points: await readTrend(ctx.db, path, from, to) };
}
