import type { EventTuple } from './block-codec';
import type { EventFilter } from './block-search';

/**
 * Read-side pruning (nothing is added at write time): byte strings that a block's JSON text must
 * contain for any of its events to pass the filter, so a block without them is skipped before
 * JSON.parse. Every needle is what the block's writer emits for the matching value, so a block that
 * holds a match always contains it (no false negatives); other occurrences (in `raw`, another field, a
 * key) only cost the parse, after which the exact filter decides.
 *
 * Why each needle is safe:
 * - JSON.stringify escapes a string one UTF-16 code point at a time (`"` `\` and controls as escapes,
 *   lone surrogates as \udxxx, everything else as is), so for a *well-formed* needle, message ⊇ needle
 *   ⇔ escaped(message) ⊇ escaped(needle); UTF-8 keeps that (self-synchronising), so we search the bytes.
 *   A needle with a lone surrogate could match half of a pair that JSON writes as is: no needle then.
 * - A whole string value (host, app, format, a string field) is written as JSON.stringify(value), quotes
 *   included, by both writers: encodeBlock (JSON.stringify) and migration 0023 (PostgreSQL escape_json:
 *   the same escapes, lowercase hex, and PostgreSQL text is valid UTF-8 so it never has lone surrogates).
 * - `"key":value` without a space is JSON.stringify's object form, so it is used for json-deflate only;
 *   migration blocks ('json') print jsonb as `"key": value` and numbers as stored (4625.0), so there
 *   only the key (and a string value on its own) is required.
 */
export function blockNeedles(f: EventFilter, encoding: string): Buffer[] {
  const out: string[] = [];
  if (f.text && !LONE_SURROGATE.test(f.text)) out.push(JSON.stringify(f.text).slice(1, -1));
  for (const value of [f.host, f.app, f.format]) if (value) out.push(JSON.stringify(value));
  for (const [key, value] of Object.entries(f.fields ?? {})) {
    if (encoding === 'json-deflate') {
      // NaN/Infinity stringify as null: still a superset (no stored number equals them anyway).
      out.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
      continue;
    }
    out.push(JSON.stringify(key));
    if (typeof value === 'string') out.push(JSON.stringify(value));
  }
  // Longest first: the rarest needle usually rejects the block with one scan.
  return out.sort((a, b) => b.length - a.length).map((s) => Buffer.from(s, 'utf8'));
}

const LONE_SURROGATE = /\p{Cs}/u;

export function mayMatch(json: Buffer, needles: readonly Buffer[]): boolean {
  for (const needle of needles) if (json.indexOf(needle) === -1) return false;
  return true;
}

/**
 * The event-level filter on a checked tuple, before any Date or Buffer is built; the same tests as
 * `matcher` in block-search.ts on the decoded event (new Date(t) for time: it clips like the event's).
 */
export function tupleMatcher(f: EventFilter): (t: EventTuple) => boolean {
  const from = f.from?.getTime();
  const to = f.to?.getTime();
  const fields = f.fields ? Object.entries(f.fields) : [];
  const timed = from !== undefined || to !== undefined;
  return (t) => {
    if (timed) {
      const time = new Date(t[0]).getTime();
      if (from !== undefined && time < from) return false;
      if (to !== undefined && time > to) return false;
    }
    if (f.host && t[3] !== f.host) return false;
    if (f.app && t[4] !== f.app) return false;
    if (f.format && t[7] !== f.format) return false;
    if (f.text && !t[8].includes(f.text)) return false;
    for (const [k, v] of fields) if ((t[9] as Record<string, unknown>)[k] !== v) return false;
    return true;
  };
}
