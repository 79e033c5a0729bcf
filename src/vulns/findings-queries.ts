import { and, eq, inArray, lt, sql } from 'drizzle-orm';
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

/**
 * Inserts new findings and refreshes the ones seen again. A fixed finding that shows up again is
 * reopened; an expired risk acceptance returns to open; any other workflow status is kept.
 */
export async function upsertFindings(db: Executor, rows: FindingInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(findings)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [findings.hostId, findings.cve, findings.productName],
        set: {
          unitId: sql`excluded.unit_id`,
          match: sql`excluded.match`,
          severity: sql`excluded.severity`,
          cvssScore: sql`excluded.cvss_score`,
          exploited: sql`excluded.exploited`,
          fixKb: sql`excluded.fix_kb`,
          fixedBuild: sql`excluded.fixed_build`,
          observed: sql`excluded.observed`,
          rule: sql`excluded.rule`,
          confidence: sql`excluded.confidence`,
          reason: sql`excluded.reason`,
          lastSeenAt: sql`excluded.last_seen_at`,
          // The due date keeps counting from the first detection, under today's policy and severity.
          dueAt: sql`${findings.firstSeenAt} + (excluded.due_at - excluded.first_seen_at)`,
          fixedAt: sql`case when ${findings.status} = 'fixed' then null else ${findings.fixedAt} end`,
          status: sql`case
            when ${findings.status} = 'fixed' then 'open'
            when ${findings.status} = 'risk_accepted' and ${findings.statusUntil} < current_date then 'open'
            else ${findings.status} end`,
        },
      });
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
