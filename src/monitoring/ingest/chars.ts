// Character classes of JavaScript regular expressions, for the hand-written scanners that replace them.

/** `\s`: WhiteSpace and LineTerminator code units (ECMA-262 §22.2.2.9, CharacterClassEscape). */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What `.` does not match without the `s` flag. */
export function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `\w` without the `u` flag: [A-Za-z0-9_]. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Index of the first `\s` code unit at or after `from`, or text.length. */
export function spaceAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isJsSpace(text.charCodeAt(i))) i++;
  return i;
}
