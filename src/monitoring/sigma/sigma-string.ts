/**
 * Sigma string values: literals with the `*` and `?` wildcards, where `\` escapes `*`, `?` and `\` (any
 * other backslash is a literal backslash, as in `C:\Windows\`), the way pySigma reads them.
 */
export const STAR = 0;
export const QMARK = 1;
export type Segment = string | typeof STAR | typeof QMARK;
export type SigmaString = Segment[];

export function parseSigmaString(raw: string): SigmaString {
  const out: SigmaString = [];
  let buffer = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        buffer += next;
        i++;
      } else buffer += c;
    } else if (c === '*' || c === '?') {
      if (buffer) out.push(buffer);
      buffer = '';
      out.push(c === '*' ? STAR : QMARK);
    } else buffer += c;
  }
  if (buffer) out.push(buffer);
  return out;
}

export function literalString(text: string): SigmaString {
  return text ? [text] : [];
}

export function hasWildcard(s: SigmaString): boolean {
  return s.some((seg) => typeof seg !== 'string');
}

/** The text of a wildcard-free value. */
export function plainText(s: SigmaString): string {
  return s.join('');
}

/** `contains` / `startswith` / `endswith`: a leading and/or trailing `*` unless one is already there. */
export function wrapWildcards(s: SigmaString, start: boolean, end: boolean): SigmaString {
  const out = [...s];
  if (start && out[0] !== STAR) out.unshift(STAR);
  if (end && out[out.length - 1] !== STAR) out.push(STAR);
  return out;
}

/** Applies a text transform to each literal segment (lower-casing, windash substitution…). */
export function mapLiterals(s: SigmaString, fn: (text: string) => string): SigmaString {
  return s.map((seg) => (typeof seg === 'string' ? fn(seg) : seg));
}

export function sigmaStringToRegexSource(s: SigmaString): string {
  return s
    .map((seg) => (seg === STAR ? '.*' : seg === QMARK ? '.' : seg.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
}
