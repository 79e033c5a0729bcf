import ipaddr from 'ipaddr.js';
import type { Test } from './context';
import { base64, base64Offsets, utf8Bytes, utf16be, utf16bom, utf16le, windashVariants } from './encodings';
import { type EventView, fieldId } from './event-view';
import type { LiteralIndex } from './literal-index';
import { type Modifier, NUMERIC, TIME_PARTS } from './modifiers';
import { SigmaRuleError } from './reasons';
import { compileSigmaRegex, MAX_REGEX_INPUT } from './regex';
import { requiredLiteral } from './regex-literal';
import {
  hasWildcard,
  literalString,
  parseSigmaString,
  plainText,
  type SigmaString,
  wrapWildcards,
} from './sigma-string';
import { compileTextTest, containsLiterals, type TextTest } from './string-matcher';

export type Scalar = string | number | boolean | null;

/** Runs a text test over a field's text(s), using the per-event lower-case cache for scalars. */
export function onField(field: string, test: TextTest): Test {
  const id = fieldId(field);
  return (ev) => {
    const lower = ev.lowerAt(id, field);
    if (lower !== undefined) return test(ev.text(field)!, lower);
    const value = ev.get(field);
    if (!Array.isArray(value)) return false;
    for (const text of ev.texts(field)) if (test(text, text.toLowerCase())) return true;
    return false;
  };
}

/** The Sigma strings one rule value stands for after the string modifiers, applied left to right. */
export function stringAlternatives(value: Scalar, modifiers: Modifier[], key: string): SigmaString[] {
  let alts: Array<{ s: SigmaString; binary: boolean }> = [
    { s: typeof value === 'string' ? parseSigmaString(value) : literalString(String(value)), binary: false },
  ];
  for (const mod of modifiers) alts = applyModifier(alts, mod, key);
  return alts.map((a) => a.s);
}

type Alt = { s: SigmaString; binary: boolean };

function applyModifier(alts: Alt[], mod: Modifier, key: string): Alt[] {
  const encode = (fn: (a: Alt, text: string) => Alt[]) =>
    alts.flatMap((a) => {
      if (hasWildcard(a.s)) {
        throw new SigmaRuleError(
          'modifier-combination',
          `'${mod}' cannot encode a wildcard value in '${key}'`,
        );
      }
      return fn(a, plainText(a.s));
    });
  const bytesOf = (a: Alt, text: string) => (a.binary ? text : utf8Bytes(text));
  switch (mod) {
    case 'contains':
      return alts.map((a) => ({ ...a, s: wrapWildcards(a.s, true, true) }));
    case 'startswith':
      return alts.map((a) => ({ ...a, s: wrapWildcards(a.s, false, true) }));
    case 'endswith':
      return alts.map((a) => ({ ...a, s: wrapWildcards(a.s, true, false) }));
    case 'windash':
      return alts.flatMap((a) => windashAlt(a, key));
    case 'base64':
      return encode((a, text) => [{ s: literalString(base64(bytesOf(a, text))), binary: false }]);
    case 'base64offset':
      return encode((a, text) =>
        base64Offsets(bytesOf(a, text)).map((b) => ({ s: literalString(b), binary: false })),
      );
    case 'utf16le':
    case 'wide':
      return encode((_a, text) => [{ s: literalString(utf16le(text)), binary: true }]);
    case 'utf16be':
      return encode((_a, text) => [{ s: literalString(utf16be(text)), binary: true }]);
    case 'utf16':
      return encode((_a, text) => [{ s: literalString(utf16bom(text)), binary: true }]);
    default:
      return alts;
  }
}

function windashAlt(a: Alt, key: string): Alt[] {
  let out: SigmaString[] = [[]];
  for (const seg of a.s) {
    const variants = typeof seg === 'string' ? windashVariants(seg) : [seg];
    if (!variants) throw new SigmaRuleError('invalid-value', `too many windash variants in '${key}'`);
    out = out.flatMap((prefix) => variants.map((v) => [...prefix, v] as SigmaString));
    if (out.length > 625) throw new SigmaRuleError('invalid-value', `too many windash variants in '${key}'`);
  }
  return out.map((s) => ({ s, binary: a.binary }));
}

export function textTestFor(values: Scalar[], modifiers: Modifier[], key: string): TextTest {
  const cased = modifiers.includes('cased');
  return compileTextTest(
    values.flatMap((v) => stringAlternatives(v, modifiers, key)),
    cased,
  );
}

/**
 * The string test of a field item. With a rule set's literal index, a case-insensitive OR of `contains`
 * values is answered from the field's one Aho–Corasick scan per event (shared by every rule); any other
 * shape, or a list-valued field, runs the compiled text test.
 */
export function fieldTextTest(
  field: string,
  values: Scalar[],
  modifiers: Modifier[],
  key: string,
  literals: LiteralIndex | undefined,
): Test {
  const alternatives = values.flatMap((v) => stringAlternatives(v, modifiers, key));
  const cased = modifiers.includes('cased');
  const plain = onField(field, compileTextTest(alternatives, cased));
  const found = literals ? containsLiterals(alternatives, cased) : null;
  if (!literals || !found) return plain;
  const dict = literals.field(field);
  const texts = [...new Set(found)];
  const ids = Int32Array.from(texts.map((l) => dict.add(l)));
  const mine = new Uint8Array(Math.max(...ids) + 1);
  for (const id of ids) mine[id] = 1;
  const slot = fieldId(field);
  return (ev, unit) => {
    const lower = ev.lowerAt(slot, field);
    if (lower === undefined) return plain(ev, unit);
    return dict.containsAny(ev.seq, lower, ids, texts, mine);
  };
}

export function regexTest(field: string, value: Scalar, modifiers: Modifier[], key: string): Test {
  if (typeof value !== 'string') throw new SigmaRuleError('invalid-value', `'re' needs a string in '${key}'`);
  const re = compileSigmaRegex(value, {
    i: modifiers.includes('i'),
    m: modifiers.includes('m'),
    s: modifiers.includes('s'),
  });
  // Every match contains this literal (regex-literal.ts; case-insensitively): a scalar field whose
  // lower-case text (cached per event) lacks it cannot match, and the regex does not run.
  const literal = requiredLiteral(value);
  const slot = fieldId(field);
  return (ev) => {
    if (literal !== null) {
      const lower = ev.lowerAt(slot, field);
      if (lower !== undefined && !lower.includes(literal)) return false;
    }
    for (const text of ev.texts(field))
      if (re.test(text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text)) return true;
    return false;
  };
}

export function cidrTest(field: string, value: Scalar, key: string): Test {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    range = ipaddr.parseCIDR(String(value));
  } catch {
    throw new SigmaRuleError('invalid-value', `'${String(value)}' is not a CIDR range in '${key}'`);
  }
  const kind = range[0].kind();
  return (ev) => {
    for (const text of ev.texts(field)) {
      if (!ipaddr.isValid(text)) continue;
      let ip = ipaddr.parse(text);
      if (ip.kind() === 'ipv6' && kind === 'ipv4' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
        ip = (ip as ipaddr.IPv6).toIPv4Address();
      }
      if (ip.kind() === kind && ip.match(range)) return true;
    }
    return false;
  };
}

const compare: Record<string, (a: number, b: number) => boolean> = {
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
};

/** Numeric modifiers, and time modifiers (a date part, then equality or a numeric comparison). */
export function numericTest(field: string, value: Scalar, modifiers: Modifier[], key: string): Test {
  const bound = typeof value === 'number' ? value : Number(value);
  if (value === null || typeof value === 'boolean' || String(value).trim() === '' || Number.isNaN(bound)) {
    throw new SigmaRuleError('invalid-value', `'${String(value)}' is not a number in '${key}'`);
  }
  const op = modifiers.find((m) => NUMERIC.has(m));
  const part = modifiers.find((m) => TIME_PARTS.has(m));
  const cmp = op ? compare[op]! : (a: number, b: number) => a === b;
  return (ev) => {
    for (const text of ev.texts(field)) {
      const n = part ? datePart(text, part) : text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isNaN(n) && cmp(n, bound)) return true;
    }
    return false;
  };
}

/** A date part in UTC ("not designed to handle timezone or format conversions", spec). */
export function datePart(text: string, part: string): number {
  const iso = /^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') : text;
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !/T/.test(iso) ? iso : `${iso}Z`;
  const date = new Date(zoned);
  if (Number.isNaN(date.getTime())) return Number.NaN;
  switch (part) {
    case 'minute':
      return date.getUTCMinutes();
    case 'hour':
      return date.getUTCHours();
    case 'day':
      return date.getUTCDate();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'year':
      return date.getUTCFullYear();
    default:
      return isoWeek(date);
  }
}

function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 8.64e7 + 1) / 7);
}

/** `fieldref`: compares with another field of the same event (case-insensitive unless `cased`). */
export function fieldrefTest(field: string, other: string, modifiers: Modifier[]): Test {
  const cased = modifiers.includes('cased');
  const op = modifiers.includes('contains')
    ? (a: string, b: string) => a.includes(b)
    : modifiers.includes('startswith')
      ? (a: string, b: string) => a.startsWith(b)
      : modifiers.includes('endswith')
        ? (a: string, b: string) => a.endsWith(b)
        : (a: string, b: string) => a === b;
  return (ev: EventView) => {
    const ref = cased ? ev.text(other) : ev.lower(other);
    if (ref === undefined) return false;
    for (const text of ev.texts(field)) if (op(cased ? text : text.toLowerCase(), ref)) return true;
    return false;
  };
}
