import { and, asc, eq, inArray, like, param, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hosts } from '../inventory/schema';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import { findingHostStates, slaPolicy, vulnerabilities } from './schema';
import type { SlaDays } from './severity';

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

/**
 * An accepted risk whose end date has passed returns to open, also on hosts a re-match does not
 * rewrite (their fingerprint is unchanged). A small partial index holds the accepted risks.
 */
export async function reopenExpiredRisks(db: Executor, hostIds?: string[]): Promise<void> {
  await db.execute(sql`
    update findings set status = 'open'
    where status = 'risk_accepted' and status_until < current_date
      ${hostIds ? sql`and host_id = any(${param(hostIds)}::uuid[])` : sql``}`);
}

/** The hosts to match, in id order, with their unit: every host under a unit path, or the given ones. */
export async function loadHostsToMatch(
  db: Executor,
  unitPath: string | null,
  hostIds?: string[],
): Promise<{ id: string; unitId: string }[]> {
  return db
    .select({ id: hosts.id, unitId: hosts.unitId })
    .from(hosts)
    .innerJoin(units, eq(units.id, hosts.unitId))
    .where(
      and(
        hostIds ? inArray(hosts.id, hostIds) : undefined,
        unitPath ? like(units.path, likePrefix(unitPath)) : undefined,
      ),
    )
    .orderBy(asc(hosts.id));
}

/** The fingerprints the last re-match wrote, for the given hosts. */
export async function loadHostFingerprints(db: Executor, hostIds: string[]): Promise<Map<string, string>> {
  if (hostIds.length === 0) return new Map();
  const rows = await db
    .select({ hostId: findingHostStates.hostId, fingerprint: findingHostStates.fingerprint })
    .from(findingHostStates)
    .where(sql`${findingHostStates.hostId} = any(${param(hostIds)}::uuid[])`);
  return new Map(rows.map((r) => [r.hostId, r.fingerprint]));
}

export type HostFingerprint = { hostId: string; fingerprint: string; findings: number };

export async function saveHostFingerprints(db: Executor, states: HostFingerprint[], at: Date): Promise<void> {
  if (states.length === 0) return;
  await db.execute(sql`
    insert into finding_host_states (host_id, fingerprint, findings, written_at)
    select h, f, n, ${at.toISOString()}::timestamptz
    from unnest(${param(states.map((s) => s.hostId))}::uuid[], ${param(states.map((s) => s.fingerprint))}::text[],
      ${param(states.map((s) => s.findings))}::int[]) as t(h, f, n)
    on conflict (host_id) do update set fingerprint = excluded.fingerprint, findings = excluded.findings,
      written_at = excluded.written_at`);
}

/** Forgets every fingerprint: the next re-match rewrites every host (after a change of the write rules). */
export async function clearHostFingerprints(db: Executor): Promise<void> {
  await db.delete(findingHostStates);
}

/** Per CVE, the earliest deadline of the national alerts that name it (YYYY-MM-DD). */
export async function loadAlertDeadlines(db: Executor): Promise<Map<string, string>> {
  const rows = (await db.execute(sql`
    select cve, min(deadline)::text as deadline
    from national_alerts, jsonb_array_elements_text(cves) as cve
    where deadline is not null group by cve`)) as unknown as { rows: { cve: string; deadline: string }[] };
  return new Map(rows.rows.map((r) => [r.cve, r.deadline]));
}
