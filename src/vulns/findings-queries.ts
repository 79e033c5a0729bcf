import { and, asc, eq, inArray, like, param, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hosts } from '../inventory/schema';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { FindingRow } from './rematch-rows';
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

/** Rows per statement: one array per column, so the statement's size does not grow with the rows. */
const UPSERT_BATCH = 5000;

/**
 * Inserts new findings and refreshes the ones seen again. A fixed finding that shows up again is
 * reopened; an expired risk acceptance returns to open; any other workflow status is kept.
 * The rows travel as one array per column through unnest(): building a 17-parameter-per-row VALUES
 * list cost ~117 µs a row in the query builder (docs/benchmarks.md).
 */
export async function upsertFindings(db: Executor, rows: FindingRow[], runStart: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
    const part = rows.slice(i, i + UPSERT_BATCH);
    const column = <T>(pick: (r: FindingRow) => T) => param(part.map(pick));
    const at = runStart.toISOString();
    await db.execute(sql`
      insert into findings (host_id, unit_id, cve, product_name, match, severity, cvss_score, exploited,
        fix_kb, fixed_build, observed, rule, confidence, reason, due_at, first_seen_at, last_seen_at)
      select h, u, c, p, m, s, cv, e, kb, fb, o, r, cf, rs, ${at}::timestamptz + d * interval '1 day',
        ${at}::timestamptz, ${at}::timestamptz
      from unnest(
        ${column((r) => r.hostId)}::uuid[], ${column((r) => r.unitId)}::uuid[], ${column((r) => r.cve)}::text[],
        ${column((r) => r.productName)}::text[], ${column((r) => r.match)}::text[], ${column((r) => r.severity)}::text[],
        ${column((r) => r.cvssScore)}::real[], ${column((r) => r.exploited)}::boolean[],
        ${column((r) => r.fixKb)}::text[], ${column((r) => r.fixedBuild)}::text[],
        ${column((r) => r.observed)}::text[], ${column((r) => r.rule)}::text[],
        ${column((r) => r.confidence)}::text[], ${column((r) => r.reason)}::text[],
        ${column((r) => r.dueDays)}::int[]) as t(h, u, c, p, m, s, cv, e, kb, fb, o, r, cf, rs, d)
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
          else findings.status end
      -- A row that would not change is not written (no new row version, no index entries): a changed
      -- host usually changes a few of its findings, not all of them.
      where findings.status = 'fixed'
        or (findings.status = 'risk_accepted' and findings.status_until < current_date)
        or (findings.unit_id, findings.match, findings.severity, findings.cvss_score, findings.exploited,
            findings.fix_kb, findings.fixed_build, findings.observed, findings.rule, findings.confidence,
            findings.reason, findings.due_at)
          is distinct from (excluded.unit_id, excluded.match, excluded.severity, excluded.cvss_score,
            excluded.exploited, excluded.fix_kb, excluded.fixed_build, excluded.observed, excluded.rule,
            excluded.confidence, excluded.reason, findings.first_seen_at + (excluded.due_at - excluded.first_seen_at))`);
  }
}

/**
 * Findings of the rewritten hosts that this run did not see again: the host is fixed (or no longer
 * affected). Decided by key, not by last_seen_at, because unchanged rows are no longer rewritten.
 */
export async function closeUnseenFindings(
  db: Executor,
  hostIds: string[],
  seen: readonly FindingRow[],
  runStart: Date,
): Promise<number> {
  if (hostIds.length === 0) return 0;
  const active = (await db.execute(sql`
    select id, host_id, cve, product_name from findings
    where host_id = any(${param(hostIds)}::uuid[]) and status in ('open', 'in_progress', 'risk_accepted')`)) as unknown as {
    rows: { id: string; host_id: string; cve: string; product_name: string }[];
  };
  const keys = new Set(seen.map((r) => `${r.hostId}\u0000${r.cve}\u0000${r.productName}`));
  const unseen = active.rows
    .filter((r) => !keys.has(`${r.host_id}\u0000${r.cve}\u0000${r.product_name}`))
    .map((r) => r.id);
  if (unseen.length === 0) return 0;
  await db.execute(sql`
    update findings set status = 'fixed', fixed_at = ${runStart.toISOString()}::timestamptz
    where id = any(${param(unseen)}::uuid[])`);
  return unseen.length;
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

/**
 * A national alert's deadline caps the due date of the findings it names (the end of that day, Vietnam
 * time: alerts are Vietnamese documents). Runs after the upsert, on the hosts just written.
 */
export async function capDueDatesByAlerts(db: Executor, hostIds: string[]): Promise<void> {
  if (hostIds.length === 0) return;
  await db.execute(sql`
    update findings f set due_at = d.due
    from (select cve, (min(deadline)::text || 'T23:59:59+07:00')::timestamptz as due
          from national_alerts, jsonb_array_elements_text(cves) as cve
          where deadline is not null group by cve) d
    where f.cve = d.cve and f.host_id = any(${param(hostIds)}::uuid[]) and f.due_at > d.due`);
}
