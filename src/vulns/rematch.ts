import { performance } from 'node:perf_hooks';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import type { Executor } from '../db/client';
import { hostFacts } from '../inventory/facts';
import {
  capShapeDueDatesByAlerts,
  closeUnseenShapeFindings,
  findingsEmpty,
  firstLoadShapeFindings,
  type HostShape,
  openShapeTables,
  sendHostShapes,
  sendShapeRows,
  upsertShapeFindings,
} from './bulk-findings';
import { ComponentMatcher } from './component-verdicts';
import {
  type HostFingerprint,
  loadAlertDeadlines,
  loadHostFingerprints,
  loadHostsToMatch,
  loadMergedSeverity,
  loadSla,
  reopenExpiredRisks,
  saveHostFingerprints,
} from './findings-queries';
import { loadMatchIndex } from './index-loader';
import { type RowContext, type ShapeRow, shapeRowsOf } from './rematch-rows';

export type RematchResult = {
  hosts: number;
  vulnerable: number;
  unknown: number;
  closed: number;
  /** Hosts whose findings changed and were rewritten; the others were already right. */
  rewritten: number;
  /** Distinct verdict sets among the rewritten hosts: rows are built and sent once per shape. */
  shapes: number;
  /** Findings written by the first load into an empty table (indexes rebuilt), else 0. */
  firstLoad: boolean;
  /** Where the time went (ms): reading facts + matching + fingerprints, and writing. */
  timings: { match: number; write: number; firstLoad?: { insertMs: number; indexMs: number } };
};

/** Below this many rows a first load maintains the indexes as it goes (a rebuild costs more). */
export const FIRST_LOAD_MIN_ROWS = 50_000;

/** What the steps of one run share: shape ids by shape key, and the rows still to expand. */
type RunState = {
  runStart: Date;
  shapes: Map<string, number>;
  rows: number;
  matcher: ComponentMatcher;
  result: RematchResult;
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
  options: { hostIds?: string[]; progress?: Progress; firstLoadMinRows?: number } = {},
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
      shapes: 0,
      firstLoad: false,
      timings: { match: 0, write: 0 },
    };
    const run: RunState = {
      runStart,
      shapes: new Map(),
      rows: 0,
      matcher: new ComponentMatcher(context),
      result,
    };
    const empty = await findingsEmpty(tx.db);
    await openShapeTables(tx.db);
    for (let i = 0; i < targets.length; i += HOSTS_PER_STEP) {
      await matchStep(tx.db, context, targets.slice(i, i + HOSTS_PER_STEP), run);
      const done = Math.min(targets.length, i + HOSTS_PER_STEP);
      await options.progress?.(30 + Math.floor((60 * done) / Math.max(1, targets.length)), `${done} hosts`);
    }
    await expand(tx.db, run, empty && run.rows >= (options.firstLoadMinRows ?? FIRST_LOAD_MIN_ROWS));
    await reopenExpiredRisks(tx.db, options.hostIds);
    const { timings: _timings, ...details } = result;
    await recordAudit(tx, { action: 'vulns.rematch', targetType: 'findings', unitId: null, details });
    return result;
  });
}

/** Writes the findings of every rewritten host from the shapes sent by the steps. */
async function expand(db: Executor, run: RunState, firstLoad: boolean): Promise<void> {
  if (run.result.rewritten === 0) return;
  const started = performance.now();
  if (firstLoad) {
    run.result.timings.firstLoad = await firstLoadShapeFindings(db, run.runStart);
    run.result.firstLoad = true;
  } else {
    await upsertShapeFindings(db, run.runStart);
    run.result.closed += await closeUnseenShapeFindings(db, run.runStart);
  }
  await capShapeDueDatesByAlerts(db);
  run.result.timings.write += performance.now() - started;
}

/**
 * Matches one step of hosts; for those whose fingerprint changed, sends the rows of shapes not seen yet
 * in this run, the hosts' shapes and their new fingerprints (the expansion waits for the last step).
 */
async function matchStep(
  db: Executor,
  context: RowContext,
  step: { id: string; unitId: string }[],
  run: RunState,
): Promise<void> {
  const started = performance.now();
  const { result } = run;
  const ids = step.map((h) => h.id);
  const facts = await hostFacts(db, ids, { programsNamed: PROGRAMS_THE_MATCHER_READS });
  const factsById = new Map(facts.map((f) => [f.hostId, f]));
  const stored = await loadHostFingerprints(db, ids);
  const newRows: { shape: number; row: ShapeRow }[] = [];
  const hostShapes: HostShape[] = [];
  const changed: HostFingerprint[] = [];
  for (const host of step) {
    const hostFactsOf = factsById.get(host.id);
    if (!hostFactsOf) continue;
    const found = run.matcher.hostVerdicts(host.unitId, hostFactsOf);
    result.vulnerable += found.vulnerable;
    result.unknown += found.verdicts.length - found.vulnerable;
    if (stored.get(host.id) === found.fingerprint) continue;
    changed.push({ hostId: host.id, fingerprint: found.fingerprint, findings: found.verdicts.length });
    let shape = run.shapes.get(found.shape);
    if (shape === undefined) {
      shape = run.shapes.size;
      run.shapes.set(found.shape, shape);
      for (const row of shapeRowsOf(context, found.verdicts)) newRows.push({ shape, row });
    }
    hostShapes.push({ hostId: host.id, unitId: host.unitId, shape });
    run.rows += found.verdicts.length;
  }
  const matched = performance.now();
  result.timings.match += matched - started;
  if (changed.length === 0) return;
  await sendShapeRows(db, newRows);
  await sendHostShapes(db, hostShapes);
  await saveHostFingerprints(db, changed, run.runStart);
  result.rewritten += changed.length;
  result.shapes = run.shapes.size;
  result.timings.write += performance.now() - matched;
}
