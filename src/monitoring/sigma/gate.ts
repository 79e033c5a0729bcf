import type { ConditionNode } from './condition';
import { resolvePattern } from './condition';
import type { FieldRename } from './field-item';
import { isAscii } from './literal-index';
import { parseFieldKey } from './modifiers';
import { requiredLiteral } from './regex-literal';
import { hasWildcard, parseSigmaString, plainText } from './sigma-string';

/**
 * Pre-filter keys: a rule can only match if at least one of its keys holds, e.g. `Image|endswith:
 * '\reg.exe'` ⇒ the image's base name is `reg.exe`; `OriginalFileName: 'reg.exe'` ⇒ equality. The rule set
 * indexes rules by these keys so that an event meets only the rules whose keys it satisfies (plus the
 * rules without keys), instead of ~1,200 process_creation rules each.
 */
/** The pseudo-field of keyword searches: any text anywhere in the event. */
export const ANY_FIELD = '\u0000any';

export type GateKey = { field: string; kind: 'eq' | 'base' | 'sub'; value: string };

type Searches = Map<string, { body: unknown }>;

/**
 * Clauses that every match satisfies: each clause is an OR of keys, the rule can only match if every clause
 * holds. The narrowest clause indexes the rule (`RuleBucket`); the others are checked against the event
 * before the rule's closures run (multi-clause gate, `checks.ts`). `[]`: nothing known, the rule always runs.
 */
export type Clause = GateKey[];

export type RuleGate = { primary: Clause | null; checks: Clause[] };

export function gateOf(condition: ConditionNode[], searches: Searches, rename: FieldRename): RuleGate {
  const each = condition.map((node) => clausesOfNode(node, searches, rename));
  // A list of conditions is an OR; one condition keeps all its clauses.
  const clauses = each.length === 1 ? each[0]! : anyOf(each);
  const primary = narrowest(clauses);
  if (!primary) return { primary: null, checks: [] };
  // A clause holding every primary key is implied by the primary (which holds for every candidate).
  const checks = clauses.filter((c) => c !== primary && !primary.every((k) => c.some((x) => sameKey(x, k))));
  return { primary, checks: dedupe(checks) };
}

/** An OR of alternatives, each a set of clauses: one clause, the union of each alternative's narrowest. */
function anyOf(alternatives: Clause[][]): Clause[] {
  const picks = alternatives.map(narrowest);
  if (picks.length === 0 || picks.some((g) => g === null)) return [];
  return [(picks as Clause[]).flat()];
}

/** The most selective clause of an AND: exact keys beat substrings, fewer keys beat more. */
function narrowest(clauses: Clause[]): Clause | null {
  if (clauses.length === 0) return null;
  const cost = (g: Clause) => g.reduce((n, k) => n + (k.kind === 'sub' ? 4 : 1), 0);
  return clauses.reduce((best, g) => (cost(g) < cost(best) ? g : best));
}

function sameKey(a: GateKey, b: GateKey): boolean {
  return a.field === b.field && a.kind === b.kind && a.value === b.value;
}

function dedupe(clauses: Clause[]): Clause[] {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const id = c
      .map((k) => `${k.kind}\u0000${k.field}\u0000${k.value}`)
      .sort()
      .join('\u0001');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function clausesOfNode(node: ConditionNode, searches: Searches, rename: FieldRename): Clause[] {
  switch (node.t) {
    case 'id':
      return clausesOfSearch(searches.get(node.name)?.body, rename);
    case 'and':
      return node.items.flatMap((n) => clausesOfNode(n, searches, rename));
    case 'or':
      return anyOf(node.items.map((n) => clausesOfNode(n, searches, rename)));
    case 'not':
      return [];
    case 'of': {
      const each = resolvePattern(node.pattern, [...searches.keys()]).map((n) =>
        clausesOfSearch(searches.get(n)?.body, rename),
      );
      return node.quantifier === 'all' ? each.flat() : anyOf(each);
    }
  }
}

function clausesOfSearch(body: unknown, rename: FieldRename): Clause[] {
  if (Array.isArray(body)) {
    if (body.length > 0 && body.every((v) => typeof v === 'string' || typeof v === 'number')) {
      const keys = body.map((v) => keyOf(ANY_FIELD, 'contains', false, v));
      return keys.some((k) => k === null) ? [] : [keys as GateKey[]];
    }
    if (body.length === 0 || body.some((m) => m === null || typeof m !== 'object' || Array.isArray(m)))
      return [];
    return anyOf(body.map((m) => clausesOfMap(m as Record<string, unknown>, rename)));
  }
  if (body && typeof body === 'object') return clausesOfMap(body as Record<string, unknown>, rename);
  return [];
}

function clausesOfMap(map: Record<string, unknown>, rename: FieldRename): Clause[] {
  return Object.entries(map).flatMap(([k, v]) => clausesOfItem(k, v, rename));
}

function clausesOfItem(key: string, raw: unknown, rename: FieldRename): Clause[] {
  let parsed: ReturnType<typeof parseFieldKey>;
  try {
    parsed = parseFieldKey(key);
  } catch {
    return [];
  }
  const { field, modifiers } = parsed;
  if (field !== null && modifiers.includes('re')) {
    const keys = regexKeys(rename(field), modifiers, raw);
    return keys ? [keys] : [];
  }
  const all = modifiers.includes('all');
  const windash = modifiers.includes('windash');
  const rest = modifiers.filter((m) => m !== 'all' && m !== 'cased' && m !== 'windash');
  if (rest.length > 1 || (rest.length === 1 && !POSITION.has(rest[0]!))) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  const keys = values.map((v) =>
    field === null ? keyOf(ANY_FIELD, 'contains', windash, v) : keyOf(rename(field), rest[0], windash, v),
  );
  // `|all`: each value is its own clause (an AND); otherwise the values are one clause (an OR).
  if (all) return keys.filter((k): k is GateKey => k !== null).map((k) => [k]);
  return keys.some((k) => k === null) ? [] : [keys as GateKey[]];
}

/** `re` values: the literal each pattern requires (regex-literal.ts); any pattern without one: no key. */
function regexKeys(field: string, modifiers: string[], raw: unknown): GateKey[] | null {
  if (modifiers.some((m) => m !== 're' && m !== 'i' && m !== 'm' && m !== 's')) return null;
  const keys: GateKey[] = [];
  for (const v of Array.isArray(raw) ? raw : [raw]) {
    const literal = typeof v === 'string' ? requiredLiteral(v) : null;
    if (!literal) return null;
    keys.push({ field, kind: 'sub', value: literal });
  }
  return keys.length > 0 ? keys : null;
}

const POSITION = new Set(['contains', 'startswith', 'endswith']);
const DASHES = /[-/\u2013\u2014\u2015]/;
/** Shortest literal worth a substring key (shorter ones would make most events candidates). */
const MIN_SUBSTRING = 3;

function keyOf(
  field: string,
  position: string | undefined,
  windash: boolean,
  value: unknown,
): GateKey | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = parseSigmaString(String(value));
  if (!hasWildcard(s) && !windash) {
    const text = plainText(s).toLowerCase();
    if (position === undefined) return { field, kind: 'eq', value: text };
    if (position === 'endswith' && text.startsWith('\\') && text.indexOf('\\', 1) < 0 && text.length > 1) {
      return { field, kind: 'base', value: text.slice(1) };
    }
  }
  // Any other string test needs its longest literal piece (without the dashes windash may swap) in the text.
  const pieces = s
    .filter((seg): seg is string => typeof seg === 'string')
    .flatMap((p) => (windash ? p.split(DASHES) : [p]));
  const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a), '').toLowerCase();
  // A non-ASCII literal (emoji, homoglyphs, RTLO) is selective however short: Windows texts rarely have one.
  return longest.length >= MIN_SUBSTRING || !isAscii(longest) ? { field, kind: 'sub', value: longest } : null;
}
