/** Value encodings of the Sigma string modifiers, on a "byte string" (one char per byte, 0–255). */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export function utf16le(text: string): string {
  return Buffer.from(text, 'utf16le').toString('latin1');
}

export function utf16be(text: string): string {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = a;
  }
  return le.toString('latin1');
}

/** `utf16`: little-endian with a byte order mark. */
export function utf16bom(text: string): string {
  return `\xff\xfe${utf16le(text)}`;
}

export function base64(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('base64');
}

/**
 * The three encodings of a value found at any offset inside a base64 text (pySigma's algorithm): shift by
 * 0, 1 or 2 bytes, encode, and keep only the characters that do not depend on the neighbouring bytes.
 */
export function base64Offsets(bytes: string): string[] {
  const start = [0, 2, 3];
  const endCut = [0, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = base64(' '.repeat(i) + bytes);
    const cut = endCut[(bytes.length + i) % 3]!;
    out.push(encoded.slice(start[i]!, cut === 0 ? undefined : cut));
  }
  return out;
}

/** The dash characters `windash` permutes (spec v2.1): hyphen, slash, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** Most variants one value may expand to (5 dashes in one value = 3,125: refuse beyond). */
export const MAX_WINDASH_VARIANTS = 625;

/**
 * `windash`: every combination of dash characters at the places a command-line flag starts (a dash or
 * slash that follows a non-word character or the start and precedes a word character, as pySigma does).
 */
export function windashVariants(text: string): string[] | undefined {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!WINDASH_CHARS.includes(c)) continue;
    const before = i === 0 ? '' : text[i - 1]!;
    const after = text[i + 1] ?? '';
    if (!/\w/.test(before) && /\w/.test(after)) positions.push(i);
  }
  const total = WINDASH_CHARS.length ** positions.length;
  if (total > MAX_WINDASH_VARIANTS) return undefined;
  const out: string[] = [];
  for (let n = 0; n < total; n++) {
    const chars = text.split('');
    let k = n;
    for (const p of positions) {
      chars[p] = WINDASH_CHARS[k % WINDASH_CHARS.length]!;
      k = Math.floor(k / WINDASH_CHARS.length);
    }
    out.push(chars.join(''));
  }
  return out;
}
