import { isJsSpace, isLineTerminator } from './chars';

// A scanner equivalent to the global regex
//   /([A-Za-z_][\w.-]{0,63})=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g   (quoted values unescaped with /\\(.)/g)
// which bench/baseline/key-value.ts still runs: the key is the leftmost start of at most 64 key characters
// right before an `=`, the value a quoted string or else the run of non-space characters.

const isKeyStart = (c: number) => ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
const isKeyChar = (c: number) => isKeyStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;

/** Index after the closing quote of a value opening at `at` (its `"`), or -1 if it never closes. */
function quotedEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      if (i + 1 >= text.length || isLineTerminator(text.charCodeAt(i + 1))) return -1;
      i++;
    }
  }
  return -1;
}

/** The inside of a quoted value with `\x` read as `x`. */
function unescapeQuoted(text: string, from: number, to: number): string {
  const first = text.indexOf('\\', from);
  if (first < 0 || first >= to) return text.slice(from, to);
  let out = text.slice(from, first);
  let i = first;
  while (i < to) {
    const slash = text.indexOf('\\', i);
    if (slash < 0 || slash >= to) break;
    out += text.slice(i, slash) + text[slash + 1];
    i = slash + 2;
  }
  return out + text.slice(i, to);
}

/**
 * Reads `k=v k2="v 2" k3=` pairs (FortiGate, PAM). Quoted values may contain spaces and `\"`.
 * Returns null when fewer than `minPairs` pairs are found (not a key=value line).
 */
export function parseKeyValues(text: string, minPairs = 1): Record<string, string> | null {
  const out: Record<string, string> = {};
  let count = 0;
  let from = 0; // where the next match may start (the regex's lastIndex)
  for (let eq = text.indexOf('=', from); eq >= 0; eq = text.indexOf('=', eq + 1)) {
    // The leftmost key start: back over key characters, then forward to a letter or `_` within 64.
    let start = eq;
    while (start > from && isKeyChar(text.charCodeAt(start - 1))) start--;
    while (start < eq && !(isKeyStart(text.charCodeAt(start)) && eq - start <= 64)) start++;
    if (start === eq) continue;
    let end = -1;
    let value: string;
    if (text.charCodeAt(eq + 1) === 34) end = quotedEnd(text, eq + 1);
    if (end >= 0) value = unescapeQuoted(text, eq + 2, end - 1);
    else {
      end = eq + 1;
      while (end < text.length && !isJsSpace(text.charCodeAt(end))) end++;
      value = text.slice(eq + 1, end);
    }
    out[text.slice(start, eq)] = value;
    count++;
    from = end;
    eq = end - 1; // the next `=` is searched after the value
  }
  return count >= minPairs ? out : null;
}
