import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { hostFacts, loadHostFactsForUnitScope } from '../inventory/facts';
import {
  closeUnseenFindings,
  type FindingInsert,
  loadHostUnits,
  loadMergedSeverity,
  loadSla,
  upsertFindings,
} from './findings-queries';
import { loadMatchIndex } from './index-loader';
import { matchHosts } from './match/match';
import { dueDate, severityOf } from './severity';

export type RematchResult = { hosts: number; vulnerable: number; unknown: number; closed: number };

/**
 * Matches hosts against every stored advisory and brings their findings up to date in one transaction:
 * new verdicts open findings, verdicts seen again refresh them, findings not seen again are closed as
 * fixed (a patched host is not flagged). `hostIds` limits the run to freshly inventoried hosts.
 */
export async function rematch(
  ctx: Ctx,
  options: { hostIds?: string[]; progress?: (percent: number, message: string) => Promise<void> } = {},
): Promise<RematchResult> {
  const runStart = new Date();
  const index = await loadMatchIndex(ctx.db);
  await options.progress?.(10, `${index.stats.cves} CVE`);
  const facts = options.hostIds
    ? await hostFacts(ctx.db, options.hostIds)
    : await loadHostFactsForUnitScope(ctx);
  // Only hosts that still exist and were matched in this run can have findings closed.
  const hostIds = facts.map((f) => f.hostId);
  const units = await loadHostUnits(ctx.db, options.hostIds);
  const merged = await loadMergedSeverity(ctx.db);
  const sla = await loadSla(ctx.db);
  await options.progress?.(30, `${facts.length} hosts`);

  const rows: FindingInsert[] = [];
  for (const verdict of matchHosts(index, facts)) {
    const unitId = units.get(verdict.hostId);
    if (verdict.status === 'fixed' || !unitId) continue;
    const info = merged.get(verdict.cve);
    const exploited = Boolean(
      info?.exploited || index.exploited(verdict.cve)?.kev || index.exploited(verdict.cve)?.msrc,
    );
    const severity = severityOf(index, verdict, info);
    rows.push({
      hostId: verdict.hostId,
      unitId,
      cve: verdict.cve,
      productName: verdict.productName ?? '-',
      match: verdict.status,
      severity,
      cvssScore: info?.cvssScore ?? null,
      exploited,
      fixKb: verdict.fixKb ?? null,
      fixedBuild: verdict.fixedBuild ?? null,
      observed: verdict.observed ?? null,
      rule: verdict.rule,
      confidence: verdict.confidence,
      reason: verdict.reason ?? null,
      dueAt: dueDate(runStart, severity, exploited, sla),
      firstSeenAt: runStart,
      lastSeenAt: runStart,
    });
  }
  await options.progress?.(60, `${rows.length} findings`);
  const unique = dedupe(rows);
  return inTransaction(ctx, async (tx) => {
    await upsertFindings(tx.db, unique);
    const closed = await closeUnseenFindings(tx.db, hostIds, runStart);
    const vulnerable = unique.filter((r) => r.match === 'vulnerable').length;
    const result = { hosts: facts.length, vulnerable, unknown: unique.length - vulnerable, closed };
    await recordAudit(tx, { action: 'vulns.rematch', targetType: 'findings', unitId: null, details: result });
    return result;
  });
}

/** One row per (host, CVE, product): one INSERT may not touch a row twice; "vulnerable" beats "unknown". */
function dedupe(rows: FindingInsert[]): FindingInsert[] {
  const byKey = new Map<string, FindingInsert>();
  for (const row of rows) {
    const key = `${row.hostId}\u0000${row.cve}\u0000${row.productName}`;
    const seen = byKey.get(key);
    if (!seen || (seen.match === 'unknown' && row.match === 'vulnerable')) byKey.set(key, row);
  }
  return [...byKey.values()];
}
