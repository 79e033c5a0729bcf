import { EventView, type SigmaEvent } from '../event-view';
import type { RuleMeta } from '../rule';
import type { RuleSet } from '../ruleset';
import { type CompiledCorrelation, conditionHolds, refId, refName } from './compile';
import { windowValue } from './windows';

export type CorrelatorOptions = {
  /** Most groups (distinct group-by values) kept per correlation; the least recently seen is evicted. */
  maxGroups?: number;
  /** Most entries kept per group (a flood cannot grow memory without bound). */
  maxEntriesPerGroup?: number;
  /** How late (event time behind the newest seen) an event may arrive and still count. */
  latenessMs?: number;
  /** Contributing events carried by one correlation match. */
  maxEventsPerMatch?: number;
};

export type CorrelationMatch = {
  correlation: RuleMeta & { type: CompiledCorrelation['type'] };
  time: number;
  unitId?: string;
  group: Record<string, string>;
  value: number;
  events: SigmaEvent[];
};

export type Entry = { time: number; ref: number; value: string | undefined; event: SigmaEvent };
type Group = { entries: Entry[]; values: Record<string, string> };

export type CorrelatorStats = { late: number; evictedGroups: number; droppedEntries: number; groups: number };

const DEFAULTS = { maxGroups: 10_000, maxEntriesPerGroup: 10_000, latenessMs: 60_000, maxEventsPerMatch: 50 };

/**
 * Sliding-window state for every correlation of a rule set, keyed by (unit, group-by values). Windows slide
 * with event time, not arrival; conditions that only grow (gt/gte) fire as soon as they hold, others (lt, eq…)
 * when the window closes. A fired window is consumed, so one burst gives one alert.
 */
export class Correlator {
  private readonly options: typeof DEFAULTS;
  private readonly state = new Map<CompiledCorrelation, Map<string, Group>>();
  private readonly byRule = new Map<string, Array<[CompiledCorrelation, number]>>();
  private watermark = Number.NEGATIVE_INFINITY;
  readonly stats: CorrelatorStats = { late: 0, evictedGroups: 0, droppedEntries: 0, groups: 0 };

  constructor(
    readonly ruleSet: Pick<RuleSet, 'correlations'>,
    options: CorrelatorOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    for (const c of ruleSet.correlations) {
      this.state.set(c, new Map());
      c.refs.forEach((ref, i) => {
        const key = ref.kind === 'rule' ? `r:${ref.rule.id}` : `c:${ref.correlation.id}`;
        this.byRule.set(key, [...(this.byRule.get(key) ?? []), [c, i]]);
      });
    }
  }

  /**
   * Takes over the windows of `previous` (the correlator of the rule set this one replaces) for every
   * correlation whose fingerprint did not change, so enabling an unrelated rule does not reset a
   * brute-force count half-way through its window; changed and new correlations start empty, removed
   * ones are dropped. The group maps are shared, not copied: a batch still running on the old detector
   * keeps feeding the same windows.
   */
  adopt(previous: Correlator): { kept: number; reset: number } {
    const old = new Map<string, Map<string, Group>>();
    for (const [c, groups] of previous.state) old.set(c.fingerprint, groups);
    let kept = 0;
    for (const c of this.state.keys()) {
      const groups = old.get(c.fingerprint);
      if (!groups) continue;
      old.delete(c.fingerprint); // one window state never feeds two correlations
      this.state.set(c, groups);
      kept++;
    }
    this.watermark = Math.max(this.watermark, previous.watermark);
    this.stats.late += previous.stats.late;
    this.stats.evictedGroups += previous.stats.evictedGroups;
    this.stats.droppedEntries += previous.stats.droppedEntries;
    return { kept, reset: this.state.size - kept };
  }

  /** Feeds the base-rule hits of one event; returns the correlations that fire (chained ones included). */
  push(event: SigmaEvent, ruleIds: string[], time: number, unitId?: string): CorrelationMatch[] {
    if (time < this.watermark - this.options.latenessMs) {
      this.stats.late++;
      return [];
    }
    this.watermark = Math.max(this.watermark, time);
    const out: CorrelationMatch[] = [];
    const queue: Array<[string, SigmaEvent]> = ruleIds.map((id) => [`r:${id}`, event]);
    while (queue.length > 0) {
      const [key, ev] = queue.shift()!;
      for (const [c, refIndex] of this.byRule.get(key) ?? []) {
        const match = this.add(c, refIndex, ev, time, unitId);
        if (!match) continue;
        if (c.reportable) out.push(match);
        queue.push([`c:${c.id}`, { ...match.group }]);
      }
    }
    return out;
  }

  /** Closes windows that end before `time` (minus the lateness allowance) and fires deferred conditions. */
  advance(time: number): CorrelationMatch[] {
    this.watermark = Math.max(this.watermark, time);
    const out: CorrelationMatch[] = [];
    const horizon = this.watermark - this.options.latenessMs;
    for (const [c, groups] of this.state) {
      for (const [key, group] of groups) {
        while (group.entries.length > 0 && group.entries[0]!.time + c.spanMs < horizon) {
          const start = group.entries[0]!.time;
          const window = group.entries.filter((e) => e.time <= start + c.spanMs);
          if (!c.monotone) {
            const value = windowValue(c, window, window[window.length - 1]!);
            if (value !== undefined && conditionHolds(c.condition, value) && c.reportable) {
              out.push(this.matchOf(c, group, window, value, start + c.spanMs, key));
            }
            group.entries = group.entries.slice(window.length);
          } else group.entries.shift();
        }
        if (group.entries.length === 0) groups.delete(key);
      }
    }
    this.stats.groups = [...this.state.values()].reduce((n, g) => n + g.size, 0);
    return out;
  }

  private add(
    c: CompiledCorrelation,
    refIndex: number,
    event: SigmaEvent,
    time: number,
    unitId?: string,
  ): CorrelationMatch | undefined {
    const ref = c.refs[refIndex]!;
    const view = new EventView(event);
    const values: Record<string, string> = {};
    for (const g of c.groupBy) {
      const alias = c.aliases[g];
      const field = alias ? (alias[refName(ref) ?? ''] ?? alias[refId(ref)] ?? g) : g;
      values[g] = view.text(field) ?? '';
    }
    const key = `${unitId ?? ''}\u0001${c.groupBy.map((g) => values[g]).join('\u0001')}`;
    const group = this.touch(c, key, values);
    const entry: Entry = {
      time,
      ref: refIndex,
      value: c.fields.length ? c.fields.map((f) => view.text(f) ?? '').join('\u0001') : undefined,
      event,
    };
    insertSorted(group.entries, entry);
    if (group.entries.length > this.options.maxEntriesPerGroup) {
      group.entries.shift();
      this.stats.droppedEntries++;
    }
    while (
      group.entries.length > 0 &&
      group.entries[0]!.time < this.watermark - c.spanMs - this.options.latenessMs
    )
      group.entries.shift();
    if (!c.monotone) return undefined;
    for (const [from, to] of candidateWindows(group.entries, time, c.spanMs)) {
      const window = group.entries.filter((e) => e.time >= from && e.time <= to);
      const value = windowValue(c, window, entry);
      if (value === undefined || !conditionHolds(c.condition, value)) continue;
      group.entries = group.entries.filter((e) => !window.includes(e));
      return {
        ...this.matchOf(c, group, window, value, Math.max(...window.map((e) => e.time)), key),
        ...(unitId ? { unitId } : {}),
      };
    }
    return undefined;
  }

  private touch(c: CompiledCorrelation, key: string, values: Record<string, string>): Group {
    const groups = this.state.get(c)!;
    let group = groups.get(key);
    if (group) groups.delete(key);
    else group = { entries: [], values };
    groups.set(key, group); // Map order = recency: the first key is the least recently seen
    if (groups.size > this.options.maxGroups) {
      groups.delete(groups.keys().next().value!);
      this.stats.evictedGroups++;
    }
    return group;
  }

  private matchOf(
    c: CompiledCorrelation,
    group: Group,
    window: Entry[],
    value: number,
    time: number,
    key: string,
  ): CorrelationMatch {
    const unitId = key.slice(0, key.indexOf('\u0001'));
    return {
      correlation: {
        id: c.id,
        ...(c.name ? { name: c.name } : {}),
        title: c.title,
        author: c.author,
        level: c.level,
        ...(c.status ? { status: c.status } : {}),
        tags: c.tags,
        references: c.references,
        source: c.source,
        license: c.license,
        type: c.type,
      },
      time,
      ...(unitId ? { unitId } : {}),
      group: group.values,
      value,
      events: window.slice(0, this.options.maxEventsPerMatch).map((e) => e.event),
    };
  }
}

/**
 * The windows of one timespan that contain a new event at `time`: in order, only the one ending at it; an
 * out-of-order event may complete any window starting at an earlier entry within one timespan.
 */
function candidateWindows(entries: Entry[], time: number, span: number): Array<[number, number]> {
  const last = entries[entries.length - 1]!.time;
  if (time >= last) return [[time - span, time]];
  const starts = entries.filter((e) => e.time >= time - span && e.time <= time).map((e) => e.time);
  return [...new Set(starts)].map((s) => [s, s + span]);
}

function insertSorted(entries: Entry[], entry: Entry): void {
  let i = entries.length;
  while (i > 0 && entries[i - 1]!.time > entry.time) i--;
  entries.splice(i, 0, entry);
}
