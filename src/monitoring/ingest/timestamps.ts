// Hand-written scanners for the two stamp shapes, equivalent to these regexes (kept here as the
// specification; bench/baseline/timestamps.ts runs them, and the differential test holds the two equal):
//   BSD  /^[*.]?([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?
//         (?: ([A-Za-z]{1,4}|[+-]\d{2}:?\d{2}))?:?(?= |$)/
//   ISO  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?(?= |$)/
// Scanning by char code costs no match arrays, substrings or Number() calls: this runs once per event.

const DAY_MS = 86_400_000;
const SPACE = 32;
const COLON = 58;

export type StampMatch = { time: Date; length: number; yearGuessed: boolean; zoneGuessed: boolean };

const digit = (c: number) => c >= 48 && c <= 57;
const letter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
/** The digits at [at, at + n) as a number; -1 unless all n are digits. */
function digits(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = text.charCodeAt(i);
    if (!digit(c)) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}
/** How many digits run from `at`, looking at most `max + 1` far. */
function digitRun(text: string, at: number, max: number): number {
  let n = 0;
  while (n <= max && digit(text.charCodeAt(at + n))) n++;
  return n;
}
/** True at the end of text or before a space: the `(?= |$)` of both stamps. */
const boundary = (text: string, at: number) => at === text.length || text.charCodeAt(at) === SPACE;

/** Month 0–11 of a case-insensitive English abbreviation at `at`, or -1. */
function monthAt(text: string, at: number): number {
  const a = text.charCodeAt(at) | 32;
  const b = text.charCodeAt(at + 1) | 32;
  const c = text.charCodeAt(at + 2) | 32;
  // (c | 32) would also fold '@' into '`' etc.: letter() is checked by the caller first.
  switch ((a << 16) | (b << 8) | c) {
    case 0x6a616e:
      return 0; // jan
    case 0x666562:
      return 1; // feb
    case 0x6d6172:
      return 2; // mar
    case 0x617072:
      return 3; // apr
    case 0x6d6179:
      return 4; // may
    case 0x6a756e:
      return 5; // jun
    case 0x6a756c:
      return 6; // jul
    case 0x617567:
      return 7; // aug
    case 0x736570:
      return 8; // sep
    case 0x6f6374:
      return 9; // oct
    case 0x6e6f76:
      return 10; // nov
    case 0x646563:
      return 11; // dec
    default:
      return -1;
  }
}

/** `±hh[:]mm` at `at` (the sign's index): its length (5 or 6), or 0. */
function numericZoneLength(text: string, at: number): number {
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return 0;
  if (digits(text, at + 1, 2) < 0) return 0;
  if (digits(text, at + 3, 2) >= 0) return 5;
  return text.charCodeAt(at + 3) === COLON && digits(text, at + 4, 2) >= 0 ? 6 : 0;
}
function numericZoneMinutes(text: string, at: number, length: number): number {
  const minutes = digits(text, at + 1, 2) * 60 + digits(text, at + length - 2, 2);
  return text.charCodeAt(at) === 45 ? -minutes : minutes;
}
/** UTC, GMT, Z, ICT (any case): the names devices print after a BSD stamp; undefined for others. */
function namedZone(text: string, at: number, length: number): number | undefined {
  const name = text.slice(at, at + length).toLowerCase();
  if (name === 'utc' || name === 'gmt' || name === 'z') return 0;
  return name === 'ict' ? 420 : undefined;
}

function millis(text: string, at: number, n: number): number {
  // The first three fraction digits, padded: `.5` is 500 ms, `.000003` is 0.
  return n === 0 ? 0 : digits(text, at, Math.min(n, 3)) * 10 ** (3 - Math.min(n, 3));
}

// Senders stamp many events in the same second: the UTC second of the last local stamp is kept.
let secondKey = Number.NaN;
let secondOffset = Number.NaN;
let secondUtc = 0;
function utcSecond(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number) {
  // Exact and unique while y ≤ 9999 and the fields are in range (the callers check): < 2^53.
  const key = ((((y * 16 + mo + 1) * 32 + d) * 24 + h) * 60 + mi) * 61 + s;
  if (key !== secondKey || offset !== secondOffset) {
    secondKey = key;
    secondOffset = offset;
    secondUtc = Date.UTC(y, mo, d, h, mi, s, 0) - offset * 60_000;
  }
  return secondUtc;
}

/** What the last successful scan read (module state, so a scan allocates nothing but the Date). */
export const scanned = { ms: 0, yearGuessed: false, zoneGuessed: false };

/**
 * Reads a BSD timestamp at the start of text. Without a year, the year that puts the event nearest
 * to its arrival is chosen (so a Dec 31 event arriving on Jan 1 keeps last year). Without a zone,
 * the source's zone applies (Vietnamese devices log UTC+7).
 */
export function matchBsdStamp(text: string, receivedAt: Date, defaultOffset: number): StampMatch | null {
  const end = scanBsdStamp(text, 0, receivedAt, defaultOffset);
  return end < 0 ? null : stampMatch(end);
}

/** Reads an RFC 3339 timestamp at the start of text; a missing zone means the source's zone. */
export function matchIsoStamp(text: string, defaultOffset: number): StampMatch | null {
  const end = scanIsoStamp(text, 0, defaultOffset);
  return end < 0 ? null : stampMatch(end);
}

function stampMatch(length: number): StampMatch {
  const { ms, yearGuessed, zoneGuessed } = scanned;
  return { time: new Date(ms), length, yearGuessed, zoneGuessed };
}

/** matchBsdStamp at `at`: the index after the stamp (its time in `scanned`), or -1. */
export function scanBsdStamp(text: string, at: number, receivedAt: Date, defaultOffset: number): number {
  // `*` and `.` are Cisco's clock-not-synchronised marks.
  const mark = text.charCodeAt(at);
  let i = mark === 42 || mark === 46 ? at + 1 : at;
  if (!letter(text.charCodeAt(i)) || !letter(text.charCodeAt(i + 1)) || !letter(text.charCodeAt(i + 2)))
    return -1;
  const month = monthAt(text, i);
  i += 3;
  if (text.charCodeAt(i) !== SPACE) return -1;
  i += text.charCodeAt(i + 1) === SPACE ? 2 : 1;
  const dayDigits = digitRun(text, i, 2);
  if (dayDigits === 0 || dayDigits > 2) return -1;
  const day = digits(text, i, dayDigits);
  i += dayDigits;
  if (text.charCodeAt(i) !== SPACE) return -1;
  let year = -1;
  if (digitRun(text, i + 1, 4) === 4 && text.charCodeAt(i + 5) === SPACE) {
    year = digits(text, i + 1, 4);
    i += 5;
  }
  i++; // the space before the hour
  const hourDigits = digitRun(text, i, 2);
  if (hourDigits === 0 || hourDigits > 2 || text.charCodeAt(i + hourDigits) !== COLON) return -1;
  const h = digits(text, i, hourDigits);
  i += hourDigits + 1;
  const mi = digits(text, i, 2);
  if (mi < 0 || text.charCodeAt(i + 2) !== COLON) return -1;
  const s = digits(text, i + 3, 2);
  if (s < 0) return -1;
  i += 5;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    const n = digitRun(text, i + 1, 6);
    if (n === 0 || n > 6) return -1;
    ms = millis(text, i + 1, n);
    i += 1 + n;
  }
  // An optional zone (letters or ±hh[:]mm), an optional colon, then a space or the end.
  const timeEnd = i;
  let zoneAt = -1;
  let zoneLength = 0;
  let end = -1;
  if (text.charCodeAt(i) === SPACE) {
    let n = 0;
    while (n < 5 && letter(text.charCodeAt(i + 1 + n))) n++;
    if (n === 0) n = numericZoneLength(text, i + 1);
    else if (n > 4) n = 0;
    if (n > 0) {
      const q = i + 1 + n;
      if (text.charCodeAt(q) === COLON && boundary(text, q + 1)) end = q + 1;
      else if (boundary(text, q)) end = q;
      if (end >= 0) {
        zoneAt = i + 1;
        zoneLength = n;
      }
    }
    if (end < 0) end = i;
  } else if (text.charCodeAt(i) === COLON && boundary(text, i + 1)) end = i + 1;
  else if (i === text.length) end = i;
  else return -1;
  if (month < 0 || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return -1;
  let zoneOffset: number | undefined;
  let length = end;
  if (zoneAt >= 0) {
    zoneOffset = letter(text.charCodeAt(zoneAt))
      ? namedZone(text, zoneAt, zoneLength)
      : numericZoneMinutes(text, zoneAt, zoneLength);
    // Not a zone after all (e.g. a short host name): give the token back.
    if (zoneOffset === undefined) length = timeEnd;
  }
  const offset = zoneOffset ?? defaultOffset;
  scanned.zoneGuessed = zoneOffset === undefined;
  scanned.yearGuessed = year < 0;
  scanned.ms =
    year >= 0
      ? utcSecond(year, month, day, h, mi, s, offset) + ms
      : nearestYear(month, day, h, mi, s, ms, offset, receivedAt);
  return length;
}

// The year guess for the last stamp: its three candidates and the arrival-year window they hold for.
let nearKey = Number.NaN;
let nearOffset = Number.NaN;
let nearYearFrom = 0;
let nearYearTo = -1;
const nearCandidates = [0, 0, 0];

/** The candidate (last, this or next arrival year) nearest to the arrival; ties keep the earlier year. */
function nearestYear(
  month: number,
  day: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offset: number,
  receivedAt: Date,
): number {
  const arrival = receivedAt.getTime();
  const local = arrival + offset * 60_000;
  const key = ((((month + 1) * 32 + day) * 24 + h) * 60 + mi) * 61 * 1000 + s * 1000 + ms;
  if (key !== nearKey || offset !== nearOffset || !(local >= nearYearFrom && local < nearYearTo)) {
    const arrivalYear = new Date(local).getUTCFullYear();
    nearKey = key;
    nearOffset = offset;
    nearYearFrom = Date.UTC(arrivalYear, 0, 1);
    nearYearTo = Date.UTC(arrivalYear + 1, 0, 1);
    // Date.UTC reads years 0–99 as 1900–1999: such (and invalid) arrivals are not cached.
    if (!(arrivalYear >= 100)) nearKey = Number.NaN;
    for (let k = 0; k < 3; k++)
      nearCandidates[k] = Date.UTC(arrivalYear - 1 + k, month, day, h, mi, s, ms) - offset * 60_000;
  }
  let best = Number.NaN;
  for (let k = 0; k < 3; k++) {
    const t = nearCandidates[k]!;
    if (Number.isNaN(best) || Math.abs(t - arrival) < Math.abs(best - arrival)) best = t;
  }
  return best;
}

/** matchIsoStamp at `at`: the index after the stamp (its time in `scanned`), or -1. */
export function scanIsoStamp(text: string, at: number, defaultOffset: number): number {
  const y = digits(text, at, 4);
  if (y < 0 || text.charCodeAt(at + 4) !== 45) return -1;
  const mo = digits(text, at + 5, 2) - 1;
  if (mo < -1 || text.charCodeAt(at + 7) !== 45) return -1;
  const d = digits(text, at + 8, 2);
  const sep = text.charCodeAt(at + 10);
  if (d < 0 || (sep !== 84 && sep !== SPACE)) return -1;
  const h = digits(text, at + 11, 2);
  if (h < 0 || text.charCodeAt(at + 13) !== COLON) return -1;
  const mi = digits(text, at + 14, 2);
  if (mi < 0 || text.charCodeAt(at + 16) !== COLON) return -1;
  const s = digits(text, at + 17, 2);
  if (s < 0) return -1;
  let i = at + 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    const n = digitRun(text, i + 1, 9);
    if (n === 0 || n > 9) return -1;
    ms = millis(text, i + 1, n);
    i += 1 + n;
  }
  let zone: number | undefined;
  const z = text.charCodeAt(i);
  if (z === 90) {
    zone = 0;
    i++;
  } else if (z === 43 || z === 45) {
    const n = numericZoneLength(text, i);
    if (n === 0) return -1; // `+` or `-` that is not a zone cannot meet the space-or-end either
    zone = numericZoneMinutes(text, i, n);
    i += n;
  }
  if (!boundary(text, i)) return -1;
  if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
  const offset = zone ?? defaultOffset;
  const ms0 = utcSecond(y, mo, d, h, mi, s, offset) + ms;
  if (Number.isNaN(ms0) || Math.abs(ms0) > 400 * 365 * DAY_MS) return -1;
  scanned.ms = ms0;
  scanned.yearGuessed = false;
  scanned.zoneGuessed = zone === undefined;
  return i;
}
