import { performance } from 'node:perf_hooks';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import type { Executor } from '../db/client';
import { hostFacts } from '../inventory/facts';
import {
  capDueDatesByAlerts,
  closeUnseenFindings,
  type HostFingerprint,
  loadAlertDeadlines,
  loadHostFingerprints,
  loadHostsToMatch,
  loadMergedSeverity,
  loadSla,
  reopenExpiredRisks,
  saveHostFingerprints,
  upsertFindings,
} from './findings-queries';
import { loadMatchIndex } from './index-loader';
import { matchHost } from './match/match';
import { type FindingRow, findingRowsOf, hostVerdicts, type RowContext } from './rematch-rows';

export type RematchResult = {
  hosts: number;
  vulnerable: number;
  unknown: number;
  closed: number;
  /** Hosts whose findings changed and were rewritten; the others were already right. */
  rewritten: number;
  /** Where the time went (ms): reading facts + matching + fingerprints, and writing. */
  timings: { match: number; write: number };
};

type Progress = (percent: number, message: string) => Promise<void>;

/** Hosts per step: bounds memory (a step's verdicts and rows) whatever the estate's size. */
const HOSTS_PER_STEP = 2000;
/** The matcher reads installed programs only for MSI Office suites (match/office.ts). */
const PROGRAMS_THE_MATCHER_READS = 'Microsoft Office';

/**
 * Matches hosts against every stored advisory and brings their findings up to date in one transaction:
 * new verdicts open findings, verdicts seen again refresh them, findings not seen again are closed as
 * fixed (a patched host is not flagged). A host whose verdicts are exactly what was last written (same
 * fingerprint) is not rewritten: after the first run, a re-match writes only what changed.
 * `hostIds` limits the run to freshly inventoried hosts.
 */
export async function rematch(
  ctx: Ctx,
  options: { hostIds?: string[]; progress?: Progress } = {},
): Promise<RematchResult> {
  const runStart = new Date();
  const index = await loadMatchIndex(ctx.db);
  await options.progress?.(10, `${index.stats.cves} CVE`);
  const context: RowContext = {
    index,
    merged: await loadMergedSeverity(ctx.db),
    sla: await loadSla(ctx.db),
    alertDeadlines: await loadAlertDeadlines(ctx.db),
  };
  const targets = await loadHostsToMatch(ctx.db, ctx.unitPath, options.hostIds);
  await options.progress?.(30, `${targets.length} hosts`);
  return inTransaction(ctx, async (tx) => {
    const result: RematchResult = {
      hosts: targets.length,
      vulnerable: 0,
      unknown: 0,
      closed: 0,
      rewritten: 0,
      timings: { match: 0, write: 0 },
    };
    for (let i = 0; i < targets.length; i += HOSTS_PER_STEP) {
      const step = targets.slice(i, i + HOSTS_PER_STEP);
      await matchStep(tx.db, context, step, runStart, result);
      const done = Math.min(targets.length, i + HOSTS_PER_STEP);
      await options.progress?.(30 + Math.floor((65 * done) / Math.max(1, targets.length)), `${done} hosts`);
    }
    await reopenExpiredRisks(tx.db, options.hostIds);
    const { timings: _timings, ...details } = result;
    await recordAudit(tx, { action: 'vulns.rematch', targetType: 'findings', unitId: null, details });
    return result;
  });
}

/** Matches one step of hosts and writes the findings of those whose fingerprint changed. */
async function matchStep(
  db: Executor,
  context: RowContext,
  step: { id: string; unitId: string }[],
  runStart: Date,
  result: RematchResult,
): Promise<void> {
  const started = performance.now();
  const ids = step.map((h) => h.id);
  const facts = await hostFacts(db, ids, { programsNamed: PROGRAMS_THE_MATCHER_READS });
  const factsById = new Map(facts.map((f) => [f.hostId, f]));
  const stored = await loadHostFingerprints(db, ids);
  const rows: FindingRow[] = [];
  const changed: HostFingerprint[] = [];
  for (const host of step) {
    const hostFactsOf = factsById.get(host.id);
    if (!hostFactsOf) continue;
    const found = hostVerdicts(context, host.unitId, matchHost(context.index, hostFactsOf));
    result.vulnerable += found.vulnerable;
    result.unknown += found.verdicts.length - found.vulnerable;
    if (stored.get(host.id) === found.fingerprint) continue;
    changed.push({ hostId: host.id, fingerprint: found.fingerprint, findings: found.verdicts.length });
    for (const row of findingRowsOf(context, host.id, host.unitId, found.verdicts)) rows.push(row);
  }
  const matched = performance.now();
  result.timings.match += matched - started;
  if (changed.length === 0) return;
  await upsertFindings(db, rows, runStart);
  result.closed += await closeUnseenFindings(
    db,
    changed.map((c) => c.hostId),
    rows,
    runStart,
  );
  await capDueDatesByAlerts(
    db,
    changed.map((c) => c.hostId),
  );
  await saveHostFingerprints(db, changed, runStart);
  result.rewritten += changed.length;
  result.timings.write += performance.now() - matched;
}
