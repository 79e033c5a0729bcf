import { allOf, anyOf, type Test, type UnitContext } from './context';
import type { EventView } from './event-view';
import { ANY_FIELD } from './gate';
import type { LiteralIndex } from './literal-index';
import { type Modifier, NUMERIC, parseFieldKey, TIME_PARTS } from './modifiers';
import { SigmaRuleError } from './reasons';
import { compileTextTest, containsLiterals, type TextTest } from './string-matcher';
import {
  cidrTest,
  fieldrefTest,
  fieldTextTest,
  numericTest,
  onField,
  regexTest,
  type Scalar,
  stringAlternatives,
} from './value-tests';

export type FieldRename = (field: string) => string;

/** Compiles one `field|modifiers: value(s)` entry of a selection map. */
export function compileFieldItem(
  key: string,
  raw: unknown,
  rename: FieldRename,
  literals?: LiteralIndex,
): Test {
  const { field: rawField, modifiers } = parseFieldKey(key);
  const values = scalarList(raw, key);
  if (modifiers.includes('all') && values.length < 2) {
    throw new SigmaRuleError('modifier-combination', `'all' needs a list of at least two values in '${key}'`);
  }
  if (rawField === null) return keywordTest(values, modifiers, key, literals);
  const field = rename(rawField);
  const test = valuesTest(field, values, modifiers, key, rename, literals);
  if (!modifiers.includes('neq')) return test;
  return (ev, unit) => !test(ev, unit);
}

function scalarList(raw: unknown, key: string): Scalar[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new SigmaRuleError('invalid-value', `empty value list in '${key}'`);
  for (const v of list) {
    if (v !== null && typeof v === 'object') {
      throw new SigmaRuleError(
        'invalid-value',
        `a value in '${key}' is a nested ${Array.isArray(v) ? 'list' : 'map'}`,
      );
    }
  }
  return list as Scalar[];
}

function valuesTest(
  field: string,
  values: Scalar[],
  modifiers: Modifier[],
  key: string,
  rename: FieldRename,
  literals: LiteralIndex | undefined,
): Test {
  const all = modifiers.includes('all');
  if (modifiers.includes('exists')) {
    const want = values[0];
    if (values.length !== 1 || typeof want !== 'boolean') {
      throw new SigmaRuleError('invalid-value', `'exists' takes true or false in '${key}'`);
    }
    return (ev) => ev.has(field) === want;
  }
  const nulls = values.filter((v) => v === null).length;
  const nonNull = values.filter((v): v is Exclude<Scalar, null> => v !== null);
  const absent: Test = (ev) => {
    const v = ev.get(field);
    return v === undefined || v === null;
  };
  if (nonNull.length === 0) return absent;
  const perValue = (v: Scalar) => singleValueTest(field, v, modifiers, key, rename, literals);
  let test: Test;
  if (all) {
    test = allOf(nonNull.map(perValue));
  } else if (isPlainString(modifiers)) {
    test = fieldTextTest(field, nonNull, modifiers, key, literals);
  } else {
    test = anyOf(nonNull.map(perValue));
  }
  if (nulls === 0) return test;
  return (ev, unit) => absent(ev, unit) || test(ev, unit);
}

function isPlainString(modifiers: Modifier[]): boolean {
  return !modifiers.some(
    (m) =>
      m === 're' || m === 'cidr' || m === 'fieldref' || m === 'expand' || NUMERIC.has(m) || TIME_PARTS.has(m),
  );
}

function singleValueTest(
  field: string,
  value: Scalar,
  modifiers: Modifier[],
  key: string,
  rename: FieldRename,
  literals: LiteralIndex | undefined,
): Test {
  if (modifiers.includes('re')) return regexTest(field, value, modifiers, key);
  if (modifiers.includes('cidr')) return cidrTest(field, value, key);
  if (modifiers.some((m) => NUMERIC.has(m) || TIME_PARTS.has(m)))
    return numericTest(field, value, modifiers, key);
  if (modifiers.includes('fieldref')) {
    if (typeof value !== 'string')
      throw new SigmaRuleError('invalid-value', `'fieldref' needs a field name in '${key}'`);
    return fieldrefTest(field, rename(value), modifiers);
  }
  if (modifiers.includes('expand')) return expandTest(field, value, modifiers, key);
  return fieldTextTest(field, [value], modifiers, key, literals);
}

/**
 * `expand`: `%name%` placeholders are filled at match time from the unit's placeholder lists, so one compiled
 * rule serves every unit. A unit without the list never matches the item (and a rule author sees why in docs).
 */
function expandTest(field: string, value: Scalar, modifiers: Modifier[], key: string): Test {
  if (typeof value !== 'string' || !/%[^%]+%/.test(value)) {
    throw new SigmaRuleError('invalid-value', `'expand' needs a %placeholder% in '${key}'`);
  }
  const rest = modifiers.filter((m) => m !== 'expand');
  const cache = new WeakMap<object, TextTest | null>();
  const build = (placeholders: Readonly<Record<string, readonly string[]>>): TextTest | null => {
    let texts = [value];
    for (const name of value.match(/%[^%]+%/g) ?? []) {
      const list = placeholders[name.slice(1, -1)];
      if (!list || list.length === 0) return null;
      texts = texts.flatMap((t) => list.map((v) => t.replace(name, v)));
    }
    return compileTextTest(
      texts.flatMap((t) => stringAlternatives(t, rest, key)),
      rest.includes('cased'),
    );
  };
  return (ev: EventView, unit: UnitContext) => {
    const placeholders = unit.placeholders;
    if (!placeholders) return false;
    let test = cache.get(placeholders);
    if (test === undefined) {
      test = build(placeholders);
      cache.set(placeholders, test);
    }
    return test !== null && onField(field, test)(ev, unit);
  };
}

/** Keyword search: a value anywhere in the event (substring, case-insensitive); `|all` makes it an AND. */
export function keywordTest(
  values: Scalar[],
  modifiers: Modifier[],
  key: string,
  literals?: LiteralIndex,
): Test {
  const mods: Modifier[] = modifiers.some((m) => m === 'startswith' || m === 'endswith' || m === 're')
    ? modifiers
    : [...modifiers, 'contains'];
  const one = (v: Scalar): Test => {
    const alternatives = stringAlternatives(v ?? '', mods, key);
    const found = literals ? containsLiterals(alternatives, mods.includes('cased')) : null;
    if (literals && found && !found.some((l) => l.includes('\u0000'))) {
      // A NUL-free literal is in some text of the event exactly when it is in the joined texts.
      const dict = literals.field(ANY_FIELD);
      const ids = Int32Array.from(new Set(found.map((l) => dict.add(l))));
      return (ev) => {
        dict.scan(ev.seq, ev.keywordLower());
        return dict.hasAny(ids);
      };
    }
    const t = compileTextTest(alternatives, mods.includes('cased'));
    return (ev) => {
      for (const [text, lower] of ev.keywordHaystack()) if (t(text, lower)) return true;
      return false;
    };
  };
  const each = values.map(one);
  return modifiers.includes('all') ? allOf(each) : anyOf(each);
}
