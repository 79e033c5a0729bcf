import { type Entry, RuleBucket } from './bucket';
import { compileChecks, passesChecks } from './checks';
import { ALWAYS, NO_UNIT, type Test, type UnitContext } from './context';
import { type CompiledCorrelation, linkCorrelations } from './correlation/compile';
import { EventView, fieldId, type SigmaEvent } from './event-view';
import { type CompiledFilter, compileFilter } from './filters';
import { LiteralIndex } from './literal-index';
import type { SigmaDocument } from './model';
import { type Rejection, SigmaRuleError } from './reasons';
import { type CompiledRule, compileRule } from './rule';

/** The logsource an event comes from, as the ingest knows it (syslog source type, upload kind…). */
export type LogsourceHint = { product?: string; category?: string; service?: string };

export type RuleSet = {
  rules: CompiledRule[];
  correlations: CompiledCorrelation[];
  filters: CompiledFilter[];
  rejected: Rejection[];
  /** Every rule that matches (including correlation-only base rules), after filters. */
  evaluate(event: SigmaEvent, unit?: UnitContext, hint?: LogsourceHint): CompiledRule[];
  /** The rules to alert on alone. */
  match(event: SigmaEvent, unit?: UnitContext, hint?: LogsourceHint): CompiledRule[];
};

type ChannelIndex = { byEventId: Map<string, RuleBucket>; anyEventId: RuleBucket };

export type CompileOptions = {
  /** Skip the Channel/EventID index and try every rule on every event (the benchmark's naive baseline). */
  noIndex?: boolean;
};

/** Compiles validated documents (see `loadSigmaYaml`) into one rule set; bad rules become rejections. */
export function compileRuleSet(documents: SigmaDocument[], options: CompileOptions = {}): RuleSet {
  const rejected: Rejection[] = [];
  const rules: CompiledRule[] = [];
  const filters: CompiledFilter[] = [];
  const seen = new Set<string>();
  // The naive baseline keeps the plain per-rule substring tests (it is what the index is measured against).
  const literals = options.noIndex ? undefined : new LiteralIndex();
  const guard = <T>(d: SigmaDocument, work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof SigmaRuleError)) throw error;
      const id = (d.doc as { id?: string }).id;
      rejected.push({
        source: d.source,
        document: d.index,
        ...(id ? { ruleId: id } : {}),
        title: d.doc.title,
        reason: error.reason,
        detail: error.detail,
      });
      return undefined;
    }
  };
  for (const d of documents) {
    if (d.kind === 'rule') {
      const rule = guard(d, () => {
        const compiled = compileRule(d.doc, d.source, d.index, literals);
        if (seen.has(compiled.id)) throw new SigmaRuleError('duplicate-id', compiled.id);
        return compiled;
      });
      if (rule) {
        seen.add(rule.id);
        rules.push(rule);
      }
    } else if (d.kind === 'filter') {
      const filter = guard(d, () => compileFilter(d.doc, d.source));
      if (filter) filters.push(filter);
    }
  }
  applyFilters(rules, filters, rejected);
  const correlations = linkCorrelations(documents, rules, rejected);
  return buildRuleSet(rules, correlations, filters, rejected, options, literals);
}

function applyFilters(rules: CompiledRule[], filters: CompiledFilter[], rejected: Rejection[]): void {
  const byRef = new Map<string, CompiledRule>();
  for (const r of rules) {
    byRef.set(r.id, r);
    if (r.name) byRef.set(r.name, r);
  }
  for (const f of filters) {
    for (const ref of f.rules) {
      const rule = byRef.get(ref);
      if (rule) rule.exclusions.push(f.test);
      else
        rejected.push({
          source: f.source,
          document: 0,
          title: f.title,
          reason: 'unknown-rule-reference',
          detail: `filter names '${ref}'`,
        });
    }
  }
}

function buildRuleSet(
  rules: CompiledRule[],
  correlations: CompiledCorrelation[],
  filters: CompiledFilter[],
  rejected: Rejection[],
  options: CompileOptions,
  literals: LiteralIndex | undefined,
): RuleSet {
  const channels = new Map<string, ChannelIndex>();
  // Every Windows event is scanned for the keyword keys of its buckets: the twenty Mimikatz keywords (a
  // rule on every channel) and a few Exchange and Sysmon ones. An automaton of those alone is a fraction of
  // the one of all ~500 keyword literals (mostly Linux rules') and scans a record's texts nearly twice as
  // fast; a keyword test reads the shared dictionary only when a candidate's key was found.
  const windowsKeywords = literals ? new LiteralIndex() : undefined;
  const anyChannel = new RuleBucket(literals, windowsKeywords);
  const gated = !options.noIndex;
  const hinted: CompiledRule[] = [];
  const all: Entry[] = [];
  for (const rule of rules) {
    hinted.push(rule);
    for (const route of rule.routes) {
      const entry: Entry = {
        rule,
        where: route.where,
        test: route.test,
        gate: route.gate,
        checks: literals ? compileChecks(route.checks, literals) : null,
        seen: -1,
      };
      all.push(entry);
      for (const channel of route.channels) {
        if (channel === '*') {
          anyChannel.add(entry, gated);
          continue;
        }
        const key = channel.toLowerCase();
        let index = channels.get(key);
        if (!index) {
          index = { byEventId: new Map(), anyEventId: new RuleBucket(literals, windowsKeywords) };
          channels.set(key, index);
        }
        if (!route.eventIds) index.anyEventId.add(entry, gated);
        for (const id of route.eventIds ?? []) {
          let bucket = index.byEventId.get(id);
          if (!bucket) {
            bucket = new RuleBucket(literals, windowsKeywords);
            index.byEventId.set(id, bucket);
          }
          bucket.add(entry, gated);
        }
      }
    }
  }
  let sequence = 0;
  const hintCache = new Map<string, RuleBucket>();
  // The ingest passes the same few hint objects (one per stored format): look them up by identity first,
  // so that a syslog event does not build and lower-case a key string each time.
  const byHintObject = new WeakMap<LogsourceHint, RuleBucket>();
  let noHint: RuleBucket | undefined;
  const hintedFor = (hint: LogsourceHint | undefined): RuleBucket => {
    if (hint === undefined) {
      noHint ??= hintedByKey(undefined);
      return noHint;
    }
    let bucket = byHintObject.get(hint);
    if (!bucket) {
      bucket = hintedByKey(hint);
      byHintObject.set(hint, bucket);
    }
    return bucket;
  };
  const hintedByKey = (hint: LogsourceHint | undefined): RuleBucket => {
    const key = `${hint?.product ?? ''}|${hint?.category ?? ''}|${hint?.service ?? ''}`.toLowerCase();
    let list = hintCache.get(key);
    if (!list) {
      list = new RuleBucket(literals);
      for (const r of hinted.filter((x) => hintCompatible(x, hint))) {
        const checks = literals ? compileChecks(r.hintedChecks, literals) : null;
        list.add({ rule: r, where: ALWAYS, test: r.hinted, gate: r.hintedGate, checks, seen: -1 }, gated);
      }
      hintCache.set(key, list);
    }
    return list;
  };
  const evaluate = (event: SigmaEvent, unit: UnitContext = NO_UNIT, hint?: LogsourceHint): CompiledRule[] => {
    const run = new Evaluation(new EventView(event), unit, ++sequence);
    const { ev, hits } = run;
    const channel = ev.lowerAt(CHANNEL, 'Channel');
    if (channel === undefined) {
      hintedFor(hint).run(ev, run.seq, run);
      return hits;
    }
    if (options.noIndex) {
      for (const e of all) if (routeAccepts(e, channels, ev)) run.consider(e.rule, e.test);
      return hits;
    }
    const index = channels.get(channel);
    if (index) {
      index.byEventId.get(ev.text('EventID') ?? '')?.run(ev, run.seq, run);
      index.anyEventId.run(ev, run.seq, run);
    }
    anyChannel.run(ev, run.seq, run);
    return hits;
  };
  return {
    rules,
    correlations,
    filters,
    rejected,
    evaluate,
    match: (event, unit, hint) => evaluate(event, unit, hint).filter((r) => r.reportable),
  };
}

const CHANNEL = fieldId('Channel');

/** One event's evaluation: the bucket walk calls `visit` for each candidate (one object, no closures per event). */
class Evaluation {
  readonly hits: CompiledRule[] = [];
  constructor(
    readonly ev: EventView,
    readonly unit: UnitContext,
    readonly seq: number,
  ) {}

  visit(e: Entry): void {
    if (e.checks !== null && !passesChecks(e.checks, this.ev)) return;
    if (e.where(this.ev, this.unit)) this.consider(e.rule, e.test);
  }

  consider(rule: CompiledRule, test: Test): void {
    if (!test(this.ev, this.unit) || excluded(rule, this.ev, this.unit)) return;
    if (!this.hits.includes(rule)) this.hits.push(rule);
  }
}

/** The naive path: each route checks its own Channel/EventID on every event. */
function routeAccepts(e: Entry, _channels: Map<string, ChannelIndex>, ev: EventView): boolean {
  const route = e.rule.routes.find((r) => r.test === e.test && r.where === e.where);
  if (!route) return false;
  const channel = ev.lower('Channel') ?? '';
  if (!route.channels.some((c) => c === '*' || c.toLowerCase() === channel)) return false;
  return (!route.eventIds || route.eventIds.includes(ev.text('EventID') ?? '')) && e.where(ev, NO_UNIT);
}

function excluded(rule: CompiledRule, ev: EventView, unit: UnitContext): boolean {
  for (const t of rule.exclusions) if (t(ev, unit)) return true;
  const own = unit.filters;
  if (!own) return false;
  for (const t of own.get(rule.id) ?? []) if (t(ev, unit)) return true;
  if (rule.name) for (const t of own.get(rule.name) ?? []) if (t(ev, unit)) return true;
  return false;
}

/** A rule runs on a hinted event when each of its logsource keys is absent or equal to the hint's. */
function hintCompatible(rule: CompiledRule, hint: LogsourceHint | undefined): boolean {
  const ls = rule.logsource;
  if (!hint || (!hint.product && !hint.category && !hint.service)) {
    // No hint and no Channel: offline hunting on unknown lines tries every non-Windows rule.
    return ls.product?.toLowerCase() !== 'windows';
  }
  return (['product', 'category', 'service'] as const).every((k) => {
    const want = ls[k]?.toLowerCase();
    return want === undefined || want === hint[k]?.toLowerCase();
  });
}
