import { hasWildcard, QMARK, type SigmaString, STAR, sigmaStringToRegexSource } from './sigma-string';

/** Tests one field text; `lower` is the same text lower-cased once per event (case-insensitive default). */
export type TextTest = (text: string, lower: string) => boolean;

type Plan = {
  exact: Set<string>;
  prefix: string[];
  suffix: string[];
  contains: string[];
  globs: string[][];
  regexes: RegExp[];
  any: boolean;
};

/**
 * Compiles the OR of several Sigma strings into one test without a regex for the common shapes (exact,
 * prefix, suffix, substring, and `*`-only globs by ordered indexOf); only `?` needs a RegExp.
 */
export function compileTextTest(alternatives: SigmaString[], cased: boolean): TextTest {
  const plan: Plan = {
    exact: new Set(),
    prefix: [],
    suffix: [],
    contains: [],
    globs: [],
    regexes: [],
    any: false,
  };
  for (const alt of alternatives) addToPlan(plan, cased ? alt : lowered(alt));
  return planToTest(plan, cased);
}

/**
 * The lower-case literals of a case-insensitive OR of pure `contains` values (`*text*` each), or null for
 * any other shape: those can be answered from one Aho–Corasick scan of the field (literal-index.ts).
 */
export function containsLiterals(alternatives: SigmaString[], cased: boolean): string[] | null {
  if (cased || alternatives.length === 0) return null;
  const out: string[] = [];
  for (const alt of alternatives) {
    const [a, text, b] = alt;
    if (alt.length !== 3 || a !== STAR || b !== STAR || typeof text !== 'string') return null;
    out.push(text.toLowerCase());
  }
  return out;
}

function lowered(s: SigmaString): SigmaString {
  return s.map((seg) => (typeof seg === 'string' ? seg.toLowerCase() : seg));
}

function addToPlan(plan: Plan, s: SigmaString): void {
  if (!hasWildcard(s)) {
    plan.exact.add(s.join(''));
    return;
  }
  if (s.includes(QMARK)) {
    plan.regexes.push(new RegExp(`^${sigmaStringToRegexSource(s)}$`, 's'));
    return;
  }
  const inner = s.filter((seg): seg is string => seg !== STAR);
  const starts = s[0] === STAR;
  const ends = s[s.length - 1] === STAR;
  if (inner.length === 0) plan.any = true;
  else if (inner.length === 1 && starts && ends) plan.contains.push(inner[0]!);
  else if (inner.length === 1 && ends && s.length === 2) plan.prefix.push(inner[0]!);
  else if (inner.length === 1 && starts && s.length === 2) plan.suffix.push(inner[0]!);
  else plan.globs.push(globParts(s));
}

/** `a*b*c` → ['a', 'b', 'c'] with '' marking an open start or end. */
function globParts(s: SigmaString): string[] {
  const parts: string[] = [''];
  for (const seg of s) {
    if (seg === STAR) parts.push('');
    else parts[parts.length - 1] += seg as string;
  }
  return parts;
}

function globMatch(parts: string[], text: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i]!, at);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  return text.length - last.length >= at && text.endsWith(last);
}

function planToTest(plan: Plan, cased: boolean): TextTest {
  const { exact, prefix, suffix, contains, globs, regexes, any } = plan;
  if (any) return () => true;
  const pick = cased ? (text: string, _lower: string) => text : (_text: string, lower: string) => lower;
  const onlyExact = prefix.length + suffix.length + contains.length + globs.length + regexes.length === 0;
  if (onlyExact && exact.size === 1) {
    const [value] = exact;
    return (text, lower) => pick(text, lower) === value;
  }
  if (onlyExact) return (text, lower) => exact.has(pick(text, lower));
  if (exact.size === 0 && contains.length > 0 && contains.length === countAll(plan)) {
    return (text, lower) => {
      const h = pick(text, lower);
      for (const c of contains) if (h.includes(c)) return true;
      return false;
    };
  }
  if (exact.size === 0 && suffix.length > 0 && suffix.length === countAll(plan)) {
    return (text, lower) => {
      const h = pick(text, lower);
      for (const c of suffix) if (h.endsWith(c)) return true;
      return false;
    };
  }
  return (text, lower) => {
    const h = pick(text, lower);
    if (exact.has(h)) return true;
    for (const c of contains) if (h.includes(c)) return true;
    for (const c of suffix) if (h.endsWith(c)) return true;
    for (const c of prefix) if (h.startsWith(c)) return true;
    for (const g of globs) if (globMatch(g, h)) return true;
    for (const r of regexes) if (r.test(h)) return true;
    return false;
  };
}

function countAll(plan: Plan): number {
  return (
    plan.prefix.length + plan.suffix.length + plan.contains.length + plan.globs.length + plan.regexes.length
  );
}
