import { createHash } from 'node:crypto';
import {
  type CorrelationCondition,
  type CorrelationDoc,
  type CorrelationType,
  type SigmaDocument,
  timespanMs,
} from '../model';
import { type Rejection, SigmaRuleError } from '../reasons';
import { type CompiledRule, type RuleMeta, ruleMeta } from '../rule';

/** A reference of a correlation: a base rule, or another correlation (chaining). */
export type CorrelationRef =
  | { kind: 'rule'; rule: CompiledRule }
  | { kind: 'correlation'; correlation: CompiledCorrelation };

export type CompiledCorrelation = RuleMeta & {
  kind: 'correlation';
  type: CorrelationType;
  spanMs: number;
  groupBy: string[];
  /** alias → (rule id or name → field). */
  aliases: Record<string, Record<string, string>>;
  condition: CorrelationCondition;
  /** The numeric/value field of value_* types. */
  fields: string[];
  refs: CorrelationRef[];
  /** Whether the condition can only become true as events arrive (gt/gte): then it fires eagerly. */
  monotone: boolean;
  reportable: boolean;
  /**
   * The content of the correlation and of everything it counts on (its base rules, the filters on them,
   * the correlations it chains): a rule-set rebuild keeps the window state of correlations whose
   * fingerprint did not change (see Correlator.adopt).
   */
  fingerprint: string;
};

const DEFAULT_CONDITION: Record<CorrelationType, CorrelationCondition | undefined> = {
  event_count: undefined,
  value_count: undefined,
  temporal: undefined,
  temporal_ordered: undefined,
  value_sum: undefined,
  value_avg: undefined,
  value_percentile: undefined,
};

/**
 * Resolves each correlation's `rules` (by id or name, base rules or other correlations), rejects unknown
 * references and cycles, and marks base rules as not alerted alone unless a correlation says `generate: true`.
 */
export function linkCorrelations(
  documents: SigmaDocument[],
  rules: CompiledRule[],
  rejected: Rejection[],
): CompiledCorrelation[] {
  const docs = documents.filter(
    (d): d is SigmaDocument & { kind: 'correlation' } => d.kind === 'correlation',
  );
  const ruleByRef = new Map<string, CompiledRule>();
  for (const r of rules) {
    ruleByRef.set(r.id, r);
    if (r.name) ruleByRef.set(r.name, r);
  }
  const docByRef = new Map<string, (typeof docs)[number]>();
  for (const d of docs) {
    if (d.doc.id) docByRef.set(d.doc.id, d);
    if (d.doc.name) docByRef.set(d.doc.name, d);
  }
  const ruleFingerprint = baseRuleFingerprints(documents);
  const done = new Map<(typeof docs)[number], CompiledCorrelation | null>();
  const visiting = new Set<(typeof docs)[number]>();
  const build = (d: (typeof docs)[number]): CompiledCorrelation | null => {
    if (done.has(d)) return done.get(d)!;
    if (visiting.has(d)) throw new SigmaRuleError('correlation-cycle', d.doc.title);
    visiting.add(d);
    try {
      const refs = d.doc.correlation.rules.map((ref): CorrelationRef => {
        const rule = ruleByRef.get(ref);
        if (rule) return { kind: 'rule', rule };
        const other = docByRef.get(ref);
        const compiled = other ? build(other) : null;
        if (!compiled) throw new SigmaRuleError('unknown-rule-reference', `'${ref}'`);
        return { kind: 'correlation', correlation: compiled };
      });
      const fingerprint = digest([
        stableJson(d.doc),
        ...refs.map((r) =>
          r.kind === 'rule' ? (ruleFingerprint.get(r.rule) ?? '') : r.correlation.fingerprint,
        ),
      ]);
      const compiled = compileCorrelation(d.doc, d.source, d.index, refs, fingerprint);
      done.set(d, compiled);
      return compiled;
    } catch (error) {
      if (!(error instanceof SigmaRuleError)) throw error;
      done.set(d, null);
      rejected.push({
        source: d.source,
        document: d.index,
        ...(d.doc.id ? { ruleId: d.doc.id } : {}),
        title: d.doc.title,
        reason: error.reason,
        detail: error.detail,
      });
      return null;
    } finally {
      visiting.delete(d);
    }
  };
  const out = docs.map(build).filter((c): c is CompiledCorrelation => c !== null);
  for (const c of out) {
    const generate = c.kind === 'correlation' && (docs.find((d) => done.get(d) === c)?.doc.generate ?? false);
    for (const ref of c.refs) {
      if (ref.kind === 'rule' && !generate) ref.rule.reportable = false;
      if (ref.kind === 'correlation') ref.correlation.reportable = false;
    }
  }
  return out;
}

function compileCorrelation(
  doc: CorrelationDoc,
  source: string,
  index: number,
  refs: CorrelationRef[],
  fingerprint: string,
): CompiledCorrelation {
  const c = doc.correlation;
  const needsField = c.type.startsWith('value_');
  const condition = c.condition ?? DEFAULT_CONDITION[c.type];
  if (!condition && !c.type.startsWith('temporal')) {
    throw new SigmaRuleError('schema', `correlation type '${c.type}' needs a condition`);
  }
  const fields =
    condition?.field === undefined
      ? []
      : Array.isArray(condition.field)
        ? condition.field
        : [condition.field];
  if (needsField && fields.length === 0)
    throw new SigmaRuleError('schema', `'${c.type}' needs condition.field`);
  if (
    c.aliases &&
    Object.values(c.aliases).some((m) =>
      Object.keys(m).some((r) => !refs.some((x) => refName(x) === r || refId(x) === r)),
    )
  ) {
    throw new SigmaRuleError('unknown-rule-reference', 'an alias names a rule the correlation does not use');
  }
  const finalCondition = condition ?? { gte: refs.length };
  const monotone = Object.keys(finalCondition).every((k) => k === 'gt' || k === 'gte' || k === 'field');
  return {
    ...ruleMeta(doc as never, source, index),
    kind: 'correlation',
    type: c.type,
    spanMs: timespanMs(c.timespan),
    groupBy: c['group-by'] ?? [],
    aliases: c.aliases ?? {},
    condition: finalCondition,
    fields,
    refs,
    monotone: monotone || c.type === 'value_percentile',
    reportable: true,
    fingerprint,
  };
}

/**
 * A base rule's content with the filters that name it (they change what it matches), keyed by the
 * compiled rule: found through its source file and id, as compileRule keeps both.
 */
function baseRuleFingerprints(documents: SigmaDocument[]): {
  get(rule: CompiledRule): string | undefined;
} {
  const texts = new Map<string, string>();
  const filters: Array<{ names: string[]; text: string }> = [];
  for (const d of documents) {
    // The key compileRule's id gives the rule (an id-less rule is named by its place in the file).
    if (d.kind === 'rule')
      texts.set(`${d.source}\u0001${d.doc.id ?? `${d.source}#${d.index}`}`, stableJson(d.doc));
    if (d.kind === 'filter') filters.push({ names: d.doc.filter.rules, text: stableJson(d.doc) });
  }
  return {
    get(rule) {
      const own = texts.get(`${rule.source}\u0001${rule.id}`);
      if (own === undefined) return undefined;
      const names = [rule.id, ...(rule.name ? [rule.name] : [])];
      const applied = filters.filter((f) => f.names.some((n) => names.includes(n))).map((f) => f.text);
      return digest([own, ...applied.sort()]);
    },
  };
}

/** JSON with object keys sorted: the same document written with its keys in another order is the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function digest(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('base64url');
}

export function refName(ref: CorrelationRef): string | undefined {
  return ref.kind === 'rule' ? ref.rule.name : ref.correlation.name;
}

export function refId(ref: CorrelationRef): string {
  return ref.kind === 'rule' ? ref.rule.id : ref.correlation.id;
}

/** Whether a number satisfies every bound of a correlation condition (several bounds = a range). */
export function conditionHolds(condition: CorrelationCondition, n: number): boolean {
  if (condition.gt !== undefined && !(n > condition.gt)) return false;
  if (condition.gte !== undefined && !(n >= condition.gte)) return false;
  if (condition.lt !== undefined && !(n < condition.lt)) return false;
  if (condition.lte !== undefined && !(n <= condition.lte)) return false;
  if (condition.eq !== undefined && n !== condition.eq) return false;
  if (condition.neq !== undefined && n === condition.neq) return false;
  return true;
}
