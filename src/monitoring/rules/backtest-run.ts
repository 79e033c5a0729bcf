import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import type { JobKind, JobTools } from '../../jobs/registry';
import { loadUnitInScope } from '../../units/service';
import { countEvents } from '../events/queries';
import { compileRuleSet, createDetector, type Detection, loadSigmaYaml } from '../sigma';
import type { SigmaBacktestResult } from './contract';
import { eventsPage, findRule } from './queries';
import { reasonLabel } from './rule-files';
import { HINTS, sigmaEvent } from './stored-event';
import { filtersOf, placeholdersOf } from './tuning-queries';
import { ancestorsOf, mergePlaceholders, unitContextOf } from './unit-context';

// The job side of a backtest. It imports nothing that queues jobs or raises alerts, so the job
// registry can load it without an import cycle (jobs/service → registry → this file).
export const SIGMA_BACKTEST = 'sigma.backtest';
const PAGE = 2000;
/** A backtest reads at most this many events (then reports `truncated`): it must stay a preview. */
export const MAX_BACKTEST_EVENTS = 2_000_000;
const SAMPLE = 20;

const Payload = z
  .object({
    unitId: z.uuid(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    ruleRowId: z.uuid().optional(),
    yaml: z
      .string()
      .max(256 * 1024)
      .optional(),
  })
  .strict();

export function compiledOrThrow(yaml: string) {
  const loaded = loadSigmaYaml(yaml, 'backtest.yml');
  const ruleSet = compileRuleSet(loaded.documents);
  const bad = loaded.rejected[0] ?? ruleSet.rejected[0];
  if (bad || ruleSet.rules.length + ruleSet.correlations.length === 0) {
    const label = reasonLabel(bad?.reason ?? 'empty');
    throw new AppError('SIGMA_RULE_INVALID', {
      reasonVi: label.vi,
      reasonEn: label.en,
      detail: bad?.detail ?? '',
    });
  }
  return ruleSet;
}

/**
 * Runs the rule on the unit's stored events of the range, oldest first, with the unit's placeholders
 * and filters (not its switches: the point is to see what a rule would raise before enabling it).
 * Reports progress per page; stops when cancelled.
 */
export async function runBacktest(
  p: z.output<typeof Payload>,
  tools: JobTools,
): Promise<SigmaBacktestResult> {
  const { ctx, progress, signal } = tools;
  const yaml = p.yaml ?? (await findRule(ctx.db, p.ruleRowId ?? ''))?.yaml;
  if (!yaml) throw new AppError('SIGMA_RULE_NOT_FOUND', { id: p.ruleRowId });
  const detector = createDetector(compiledOrThrow(yaml));
  const unit = await unitOf(ctx, p.unitId);
  const range = { unitId: p.unitId, from: new Date(p.from), to: new Date(p.to) };
  const total = Math.min(await countEvents(ctx.db, { scopePath: null, ...range }), MAX_BACKTEST_EVENTS);
  const result: SigmaBacktestResult = { scanned: 0, matches: 0, byRule: [], sample: [], truncated: false };
  const count = (d: Detection, ev?: { id: string; time: Date; host: string | null; message: string }) => {
    const rule = d.kind === 'match' ? d.rule : d.correlation;
    result.matches++;
    const entry = result.byRule.find((r) => r.ruleId === rule.id);
    if (entry) entry.matches++;
    else result.byRule.push({ ruleId: rule.id, title: rule.title, author: rule.author, matches: 1 });
    if (ev && result.sample.length < SAMPLE)
      result.sample.push({
        eventId: ev.id,
        time: ev.time.toISOString(),
        host: ev.host,
        message: ev.message.slice(0, 500),
        ruleId: rule.id,
        ruleTitle: rule.title,
        ruleAuthor: rule.author,
      });
  };
  let after: { time: Date; id: number } | undefined;
  while (!signal.aborted) {
    const rows = await eventsPage(ctx.db, { ...range, after }, PAGE);
    for (const ev of rows) {
      const hint = HINTS[ev.format];
      const opts = { unit, time: ev.time.getTime(), ...(hint ? { hint } : {}) };
      for (const d of detector.process(sigmaEvent(ev), opts)) count(d, ev);
    }
    result.scanned += rows.length;
    if (rows.length < PAGE) break;
    if (result.scanned >= MAX_BACKTEST_EVENTS) {
      result.truncated = true;
      break;
    }
    after = { time: rows[rows.length - 1]!.time, id: Number(rows[rows.length - 1]!.id) };
    await progress(
      Math.min(99, Math.floor((result.scanned / Math.max(total, 1)) * 100)),
      `${result.scanned}`,
    );
  }
  if (signal.aborted) throw new Error('cancelled');
  for (const d of detector.flush()) count(d);
  await progress(100, `${result.matches} / ${result.scanned}`);
  return result;
}

async function unitOf(ctx: Ctx, unitId: string) {
  const unit = await loadUnitInScope(ctx, unitId);
  const ancestors = ancestorsOf(unit.path);
  const [lists, filters] = await Promise.all([
    placeholdersOf(ctx.db, ancestors),
    filtersOf(ctx.db, ancestors),
  ]);
  return unitContextOf(unitId, {
    disabledIds: [],
    placeholders: mergePlaceholders(ancestors, lists),
    filterTexts: filters,
  });
}

export const backtestJob: JobKind<typeof Payload> = {
  kind: SIGMA_BACKTEST,
  title: { vi: 'Thử luật Sigma trên sự kiện đã lưu', en: 'Backtest a Sigma rule on stored events' },
  payload: Payload,
  maxAttempts: 1,
  run: runBacktest,
};

export const SIGMA_JOB_KINDS: readonly JobKind[] = [backtestJob as unknown as JobKind];
