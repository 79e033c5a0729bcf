/**
 * Helpers every feed parser shares: input decoding with a size cap, JSON with positions, zod paths,
 * CVE ids, dates, CVSS versions. Each failure becomes a FeedParseError naming file, place and reason.
 */
import type { z } from 'zod';
import { type CvssScore, FeedParseError } from '../model';

export type FeedInput = string | Buffer;

/** Default cap on raw input before any parsing: one MSRC month is ~3.5 MB, a year 25.8 MB (VULNS.md §0). */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** MITRE's id syntax: "CVE-", a four-digit year, then four or more digits. */
export function isCveId(value: unknown): value is string {
  return typeof value === 'string' && CVE_ID.test(value);
}

/** A record keyed by a CVE id that is not one is refused, naming the id (a typo would join nothing). */
export function requireCveId(value: unknown, file: string, where: string): string {
  if (isCveId(value)) return value;
  throw new FeedParseError(file, where, `"${String(value).slice(0, 80)}" is not a CVE id (CVE-YYYY-NNNN)`);
}

/**
 * Multi-record files (a CVRF month, KEV, EPSS, an NVD page) may hold one record with a broken id: MSRC's
 * 2024-Feb month has "CVE-2024-21626M" next to the real CVE-2024-21626. By default that is a FeedParseError
 * naming it; a caller that passes `onInvalidCveId` gets the error and the record is left out instead.
 */
export type RecordOptions = { onInvalidCveId?: (error: FeedParseError) => void };

/** The CVE id, or undefined when it is invalid and the caller chose to skip such records. */
export function acceptCveId(
  value: unknown,
  file: string,
  where: string,
  options: RecordOptions,
): string | undefined {
  if (isCveId(value)) return value;
  const error = new FeedParseError(
    file,
    where,
    `"${String(value).slice(0, 80)}" is not a CVE id (CVE-YYYY-NNNN)`,
  );
  if (options.onInvalidCveId === undefined) throw error;
  options.onInvalidCveId(error);
  return undefined;
}

/** Byte length of the input, without copying it. */
export function inputSize(input: FeedInput): number {
  return typeof input === 'string' ? Buffer.byteLength(input) : input.length;
}

/** Refuses inputs over the cap before any parser sees them (memory is spent before a parser can object). */
export function checkSize(input: FeedInput, file: string, maxBytes: number): void {
  const size = inputSize(input);
  if (size > maxBytes) {
    throw new FeedParseError(file, 'input', `the file is ${size} bytes, over the limit of ${maxBytes} bytes`);
  }
}

/** UTF-8 text of the input with a leading byte-order mark removed (PowerShell-written files carry one). */
export function toText(input: FeedInput): string {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** "line L, column C" of a character offset, for messages a person can follow in an editor. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return `line ${line}, column ${end - lineStart + 1}`;
}

/** JSON.parse whose SyntaxError becomes a FeedParseError at the line and column V8 reports. */
export function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') throw new FeedParseError(file, 'line 1, column 1', 'the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = /position (\d+)/.exec(error.message)?.[1];
    const offset = position === undefined ? text.length : Number(position);
    const reason = position === undefined ? 'the JSON ends early (truncated file?)' : 'invalid JSON';
    throw new FeedParseError(file, lineColumn(text, offset), `${reason}: ${error.message}`);
  }
}

/** `vulnerabilities[12].cveID` from a zod issue path, prefixed with where the value sits. */
export function jsonPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(root)' : out;
}

/** Validates a required shape; unknown extra fields pass (sources add fields without notice). */
export function checkShape<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  prefix = '',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new FeedParseError(file, jsonPath(issue?.path ?? [], prefix), issue?.message ?? 'unexpected shape');
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 instant. `assumeUtc` is for sources documented as UTC that write no zone (MSRC CVRF, NVD):
 * JavaScript would otherwise read "2024-04-09T07:00:00" as server-local time (VULNS.md §4.13). Sources
 * that always write a zone (KEV, CVE 5, CSAF) get a zone-less time refused rather than guessed.
 */
export function parseInstant(value: unknown, file: string, where: string, assumeUtc: boolean): Date {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = ISO_INSTANT.exec(text);
  if (match === null) throw new FeedParseError(file, where, `"${String(value)}" is not an ISO 8601 date`);
  const hasTime = match[4] !== undefined;
  let zone = match[8];
  if (hasTime && zone === undefined) {
    if (!assumeUtc) throw new FeedParseError(file, where, `"${text}" has no time zone`);
    zone = 'Z';
  }
  // A date alone is UTC midnight (ECMAScript reads date-only forms as UTC too); "+0000" gains its colon.
  const normalisedZone = zone === undefined ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const base = hasTime ? text.slice(0, text.length - (match[8]?.length ?? 0)) : `${text}T00:00:00`;
  const date = new Date(`${base.replace(' ', 'T')}${normalisedZone}`);
  if (Number.isNaN(date.getTime())) throw new FeedParseError(file, where, `"${text}" is not a valid date`);
  return date;
}

/** Optional instant: absent or empty gives undefined, anything else must parse. */
export function optionalInstant(
  value: unknown,
  file: string,
  where: string,
  assumeUtc: boolean,
): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return parseInstant(value, file, where, assumeUtc);
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A plain calendar date ('YYYY-MM-DD'), checked to exist (2023-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A score as a finite number; MSRC XML writes numbers as text. Non-numeric scores are refused. */
export function parseScore(value: unknown, file: string, where: string, max = 10): number {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (typeof value === 'string' && value.trim() === '') {
    throw new FeedParseError(file, where, 'the score is empty');
  }
  if (!Number.isFinite(number) || number < 0 || number > max) {
    throw new FeedParseError(file, where, `"${String(value)}" is not a score between 0 and ${max}`);
  }
  return number;
}

/** CVSS version from the vector prefix ("CVSS:3.1/…"); v2 vectors have no prefix but use "Au:". */
export function cvssVersionOf(
  vector: string | undefined,
  declared?: string,
): CvssScore['version'] | undefined {
  const prefix = vector === undefined ? undefined : /^CVSS:(\d\.\d)\//.exec(vector)?.[1];
  const candidate =
    prefix ?? declared ?? (vector !== undefined && /(^|\/)Au:/.test(vector) ? '2.0' : undefined);
  if (candidate === '2' || candidate === '2.0') return '2.0';
  if (candidate === '3.0' || candidate === '3.1' || candidate === '4.0') return candidate;
  return undefined;
}

/** Order-preserving de-duplication (rows are repeated once per product, VULNS.md §4.3). */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Groups (value, productIds) rows into one entry per value, merging product ids in order. */
export function groupByValue(
  rows: { value: string; productIds: string[] }[],
): { value: string; productIds: string[] }[] {
  const grouped = new Map<string, string[]>();
  for (const row of rows) {
    const ids = grouped.get(row.value);
    if (ids === undefined) grouped.set(row.value, [...row.productIds]);
    else for (const id of row.productIds) if (!ids.includes(id)) ids.push(id);
  }
  return [...grouped].map(([value, productIds]) => ({ value, productIds }));
}

/** CWE ids ("CWE-79") found in free text such as "CWE-20: Improper Input Validation". */
export function cweIdsIn(text: string | undefined): string[] {
  return text === undefined ? [] : (text.match(/\bCWE-\d+\b/g) ?? []);
}
