import { NO_UNIT, type UnitContext } from './context';
import { type CorrelationMatch, Correlator, type CorrelatorOptions } from './correlation/engine';
import type { SigmaEvent } from './event-view';
import { eventTime } from './normalize';
import type { RuleMeta } from './rule';
import type { LogsourceHint, RuleSet } from './ruleset';

export type RuleMatch = {
  kind: 'match';
  rule: RuleMeta;
  time: number | undefined;
  unitId?: string;
  event: SigmaEvent;
};
export type Detection = RuleMatch | ({ kind: 'correlation' } & CorrelationMatch);

export type ProcessOptions = { unit?: UnitContext; hint?: LogsourceHint; time?: number };

/**
 * The one entry point the ingest pipeline and the hunting CLI share: single-event matches plus the
 * correlations they complete. One detector per stream of events (its correlation state is its own).
 */
export function createDetector(ruleSet: RuleSet, options: CorrelatorOptions = {}) {
  const correlator = new Correlator(ruleSet, options);
  const hasCorrelations = ruleSet.correlations.length > 0;
  return {
    ruleSet,
    correlator,
    process(event: SigmaEvent, opts: ProcessOptions = {}): Detection[] {
      const unit = opts.unit ?? NO_UNIT;
      const hits = ruleSet.evaluate(event, unit, opts.hint);
      if (hits.length === 0) return [];
      const time = opts.time ?? eventTime(event);
      const out: Detection[] = [];
      for (const rule of hits) {
        if (rule.reportable)
          out.push({
            kind: 'match',
            rule: metaOf(rule),
            time,
            ...(unit.unitId ? { unitId: unit.unitId } : {}),
            event,
          });
      }
      if (hasCorrelations && time !== undefined) {
        for (const c of correlator.push(
          event,
          hits.map((h) => h.id),
          time,
          unit.unitId,
        ))
          out.push({ kind: 'correlation', ...c });
      }
      return out;
    },
    /** Fires the windows that closed by `time` (call periodically, and with +Infinity at the end of a file). */
    flush(time = Number.POSITIVE_INFINITY): Detection[] {
      return correlator.advance(time).map((c) => ({ kind: 'correlation' as const, ...c }));
    },
  };
}

export type Detector = ReturnType<typeof createDetector>;

function metaOf(rule: RuleMeta): RuleMeta {
  const { id, title, author, level, tags, references, source, license } = rule;
  return {
    id,
    ...(rule.name ? { name: rule.name } : {}),
    title,
    author,
    level,
    ...(rule.status ? { status: rule.status } : {}),
    tags,
    references,
    source,
    license,
  };
}
