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

export function gateOf(
  condition: ConditionNode[],
  searches: Searches,
  rename: FieldRename,
): GateKey[] | null {
  return union(condition.map((node) => gateOfNode(node, searches, rename)));
}

function union(gates: Array<GateKey[] | null>): GateKey[] | null {
  if (gates.length === 0 || gates.some((g) => g === null)) return null;
  return (gates as GateKey[][]).flat();
}

/** The most selective gate of an AND: exact keys beat substrings, fewer keys beat more. */
function narrowest(gates: Array<GateKey[] | null>): GateKey[] | null {
  const known = gates.filter((g): g is GateKey[] => g !== null);
  if (known.length === 0) return null;
  const cost = (g: GateKey[]) => g.reduce((n, k) => n + (k.kind === 'sub' ? 4 : 1), 0);
  return known.reduce((best, g) => (cost(g) < cost(best) ? g : best));
}

function gateOfNode(node: ConditionNode, searches: Searches, rename: FieldRename): GateKey[] | null {
  switch (node.t) {
    case 'id':
      return gateOfSearch(searches.get(node.name)?.body, rename);
    case 'and':
      return narrowest(node.items.map((n) => gateOfNode(n, searches, rename)));
    case 'or':
      return union(node.items.map((n) => gateOfNode(n, searches, rename)));
    case 'not':
      return null;
    case 'of': {
      const gates = resolvePattern(node.pattern, [...searches.keys()]).map((n) =>
        gateOfSearch(searches.get(n)?.body, rename),
      );
      return node.quantifier === 'all' ? narrowest(gates) : union(gates);
    }
  }
}

function gateOfSearch(body: unknown, rename: FieldRename): GateKey[] | null {
  if (Array.isArray(body)) {
    if (body.length > 0 && body.every((v) => typeof v === 'string' || typeof v === 'number')) {
      const keys = body.map((v) => keyOf(ANY_FIELD, 'contains', false, v));
      return keys.some((k) => k === null) ? null : (keys as GateKey[]);
    }
    if (body.length === 0 || body.some((m) => m === null || typeof m !== 'object' || Array.isArray(m)))
      return null;
    return union(body.map((m) => gateOfMap(m as Record<string, unknown>, rename)));
  }
  if (body && typeof body === 'object') return gateOfMap(body as Record<string, unknown>, rename);
  return null;
}

function gateOfMap(map: Record<string, unknown>, rename: FieldRename): GateKey[] | null {
  return narrowest(Object.entries(map).map(([k, v]) => gateOfItem(k, v, rename)));
}

function gateOfItem(key: string, raw: unknown, rename: FieldRename): GateKey[] | null {
  let parsed: ReturnType<typeof parseFieldKey>;
  try {
    parsed = parseFieldKey(key);
  } catch {
    return null;
  }
  const { field, modifiers } = parsed;
  if (field !== null && modifiers.includes('re')) return regexKeys(rename(field), modifiers, raw);
  const all = modifiers.includes('all');
  const windash = modifiers.includes('windash');
  const rest = modifiers.filter((m) => m !== 'all' && m !== 'cased' && m !== 'windash');
  if (rest.length > 1 || (rest.length === 1 && !POSITION.has(rest[0]!))) return null;
  const values = Array.isArray(raw) ? raw : [raw];
  const keys = values.map((v) =>
    field === null ? keyOf(ANY_FIELD, 'contains', windash, v) : keyOf(rename(field), rest[0], windash, v),
  );
  if (all) return narrowest(keys.map((k) => (k ? [k] : null)));
  return keys.some((k) => k === null) ? null : (keys as GateKey[]);
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
