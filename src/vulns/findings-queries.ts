import { and, eq, inArray, lt, param, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hosts } from '../inventory/schema';
import { findings, slaPolicy, vulnerabilities } from './schema';
import type { SlaDays } from './severity';

export type FindingInsert = typeof findings.$inferInsert;

export const DEFAULT_SLA: SlaDays = {
  exploitedDays: 7,
  criticalDays: 15,
  highDays: 30,
  mediumDays: 90,
  lowDays: 180,
};

export async function loadSla(db: Executor): Promise<SlaDays> {
  const [row] = await db.select().from(slaPolicy).where(eq(slaPolicy.id, 1));
  return row ?? DEFAULT_SLA;
}

export async function saveSla(db: Executor, sla: SlaDays, by: string | null): Promise<void> {
  const values = { id: 1, ...sla, updatedAt: new Date(), updatedBy: by };
  await db.insert(slaPolicy).values(values).onConflictDoUpdate({ target: slaPolicy.id, set: values });
}

export async function loadMergedSeverity(db: Executor) {
  const rows = await db
    .select({
      cve: vulnerabilities.cve,
      severity: vulnerabilities.severity,
      cvssScore: vulnerabilities.cvssScore,
      exploited: vulnerabilities.exploited,
    })
    .from(vulnerabilities);
  return new Map(rows.map((r) => [r.cve, r]));
}

export async function loadHostUnits(db: Executor, hostIds?: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: hosts.id, unitId: hosts.unitId })
    .from(hosts)
    .where(hostIds ? inArray(hosts.id, hostIds) : undefined);
  return new Map(rows.map((r) => [r.id, r.unitId]));
}

/** Rows per statement: one array per column, so the statement's size does not grow with the rows. */
const UPSERT_BATCH = 5000;

/**
 * Inserts new findings and refreshes the ones seen again. A fixed finding that shows up again is
 * reopened; an expired risk acceptance returns to open; any other workflow status is kept.
 * The rows travel as one array per column through unnest(): building a 17-parameter-per-row VALUES
 * list cost ~117 µs a row in the query builder, most of a 10k-host re-match (docs/benchmarks.md).
 */
export async function upsertFindings(db: Executor, rows: FindingInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
    const part = rows.slice(i, i + UPSERT_BATCH);
    const column = <T>(pick: (r: FindingInsert) => T) => param(part.map(pick));
    await db.execute(sql`
      insert into findings (host_id, unit_id, cve, product_name, match, severity, cvss_score, exploited,
        fix_kb, fixed_build, observed, rule, confidence, reason, due_at, first_seen_at, last_seen_at)
      select * from unnest(
        ${column((r) => r.hostId)}::uuid[], ${column((r) => r.unitId)}::uuid[], ${column((r) => r.cve)}::text[],
        ${column((r) => r.productName)}::text[], ${column((r) => r.match)}::text[], ${column((r) => r.severity)}::text[],
        ${column((r) => r.cvssScore ?? null)}::real[], ${column((r) => r.exploited ?? false)}::boolean[],
        ${column((r) => r.fixKb ?? null)}::text[], ${column((r) => r.fixedBuild ?? null)}::text[],
        ${column((r) => r.observed ?? null)}::text[], ${column((r) => r.rule)}::text[],
        ${column((r) => r.confidence)}::text[], ${column((r) => r.reason ?? null)}::text[],
        ${column((r) => r.dueAt.toISOString())}::timestamptz[], ${column((r) => r.firstSeenAt.toISOString())}::timestamptz[],
        ${column((r) => r.lastSeenAt.toISOString())}::timestamptz[])
      on conflict (host_id, cve, product_name) do update set
        unit_id = excluded.unit_id, match = excluded.match, severity = excluded.severity,
        cvss_score = excluded.cvss_score, exploited = excluded.exploited, fix_kb = excluded.fix_kb,
        fixed_build = excluded.fixed_build, observed = excluded.observed, rule = excluded.rule,
        confidence = excluded.confidence, reason = excluded.reason, last_seen_at = excluded.last_seen_at,
        -- The due date keeps counting from the first detection, under today's policy and severity.
        due_at = findings.first_seen_at + (excluded.due_at - excluded.first_seen_at),
        fixed_at = case when findings.status = 'fixed' then null else findings.fixed_at end,
        status = case
          when findings.status = 'fixed' then 'open'
          when findings.status = 'risk_accepted' and findings.status_until < current_date then 'open'
          else findings.status end`);
  }
}

/** Findings of the matched hosts that this run did not see again: the host is fixed (or no longer affected). */
export async function closeUnseenFindings(db: Executor, hostIds: string[], runStart: Date): Promise<number> {
  let closed = 0;
  // Chunks keep each statement far below PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < hostIds.length; i += 5000) {
    const rows = await db
      .update(findings)
      .set({ status: 'fixed', fixedAt: runStart })
      .where(
        and(
          inArray(findings.hostId, hostIds.slice(i, i + 5000)),
          lt(findings.lastSeenAt, runStart),
          inArray(findings.status, ['open', 'in_progress', 'risk_accepted']),
        ),
      )
      .returning({ id: findings.id });
    closed += rows.length;
  }
  return closed;
}
