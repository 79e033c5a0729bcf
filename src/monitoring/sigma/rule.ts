import { ALWAYS, type Test } from './context';
import { compileDetection } from './detection';
import type { EventView } from './event-view';
import { type Clause, type GateKey, gateOf } from './gate';
import type { LiteralIndex } from './literal-index';
import { LINUX_CATEGORIES, type RouteVariant, WINDOWS_CATEGORIES, WINDOWS_SERVICES } from './logsources';
import type { Level, Logsource, RuleDoc } from './model';

/** What every match shows about its rule (DRL 1.1: the author is shown wherever a match is shown). */
export type RuleMeta = {
  id: string;
  name?: string;
  title: string;
  author: string;
  level: Level;
  status?: string;
  tags: string[];
  references: string[];
  source: string;
  license: string;
};

/** One way a rule reaches events: a Channel/EventID route (Windows) with its own field renames. */
export type RuleRoute = {
  channels: string[];
  eventIds?: string[];
  where: Test;
  test: Test;
  /** The clause that indexes the route (pre-filter key), and the other clauses checked before `test`. */
  gate: GateKey[] | null;
  checks: Clause[];
};

export type CompiledRule = RuleMeta & {
  kind: 'rule';
  logsource: Logsource;
  /** Runs on events that carry no Channel, if the event's logsource hint is compatible. */
  hinted: Test;
  hintedGate: GateKey[] | null;
  hintedChecks: Clause[];
  routes: RuleRoute[];
  /** False for base rules of a correlation (spec: not alerted alone unless `generate: true`). */
  reportable: boolean;
  /** Exclusions from global filter documents, appended as `and not`. */
  exclusions: Test[];
};

export const DEFAULT_LICENSE = 'DRL-1.1';

export function ruleMeta(
  doc: RuleDoc | { title: string; id?: string; name?: string },
  source: string,
  index: number,
): RuleMeta {
  const d = doc as RuleDoc;
  return {
    id: d.id ?? `${source}#${index}`,
    ...(d.name ? { name: d.name } : {}),
    title: d.title,
    author: typeof d.author === 'string' && d.author.trim() ? d.author : 'unknown',
    level: d.level ?? 'medium',
    ...(d.status ? { status: d.status } : {}),
    tags: d.tags ?? [],
    references: d.references ?? [],
    source,
    license: typeof d.license === 'string' ? d.license : DEFAULT_LICENSE,
  };
}

/** Compiles a rule into closures, once for the Sigma field names and once per route that renames fields. */
export function compileRule(
  doc: RuleDoc,
  source: string,
  index: number,
  literals?: LiteralIndex,
): CompiledRule {
  const compiled = compileDetection(doc.detection, (f) => f, literals);
  const identity = compiled.test;
  const hinted = gateOf(compiled.condition, compiled.searches, (f) => f);
  const routes = routesFor(doc.logsource).map((variant) => {
    const rename = variant.fields ? renamer(variant.fields) : (f: string) => f;
    const gate = gateOf(compiled.condition, compiled.searches, rename);
    return {
      channels: variant.channels,
      ...(variant.eventIds ? { eventIds: variant.eventIds.map(String) } : {}),
      where: whereTest(variant.where),
      test: variant.fields ? compileDetection(doc.detection, rename, literals).test : identity,
      gate: gate.primary,
      checks: gate.checks,
    };
  });
  return {
    ...ruleMeta(doc, source, index),
    kind: 'rule',
    logsource: doc.logsource,
    hinted: identity,
    hintedGate: hinted.primary,
    hintedChecks: hinted.checks,
    routes,
    reportable: true,
    exclusions: [],
  };
}

function renamer(fields: Record<string, string>): (f: string) => string {
  return (f) => fields[f] ?? f;
}

function whereTest(where: Record<string, string[]> | undefined): Test {
  if (!where) return ALWAYS;
  const entries = Object.entries(where).map(
    ([f, values]) => [f, new Set(values.map((v) => v.toLowerCase()))] as const,
  );
  return (ev: EventView) => {
    for (let i = 0; i < entries.length; i++) {
      const [f, set] = entries[i]!;
      if (!set.has(ev.lower(f) ?? '\u0000')) return false;
    }
    return true;
  };
}

/** Channel routes of a logsource; `[]` means the rule is routed by hint only; `ANY` = every Windows channel. */
export function routesFor(logsource: Logsource): RouteVariant[] {
  const product = logsource.product?.toLowerCase();
  const category = logsource.category?.toLowerCase();
  const service = logsource.service?.toLowerCase();
  if (
    product === 'windows' ||
    (product === undefined && category && WINDOWS_CATEGORIES[category] && !service)
  ) {
    if (category) return WINDOWS_CATEGORIES[category] ?? [];
    if (service) return WINDOWS_SERVICES[service] ? [{ channels: WINDOWS_SERVICES[service]! }] : [];
    return [{ channels: ['*'] }];
  }
  if (product === 'linux' && category) return LINUX_CATEGORIES[category] ?? [];
  return [];
}
