// Frozen copy of src/monitoring/ingest/timestamps.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
// Zone names that devices print after a BSD stamp; anything else is left to be read as the host.
const ZONES: Record<string, number> = { utc: 0, gmt: 0, z: 0, ict: 420 };
const DAY_MS = 86_400_000;

/** `Mmm dd [yyyy] hh:mm:ss[.fff] [zone]`, with Cisco's `*`/`.` clock-sync marks and trailing colon. */
const BSD =
  /^[*.]?([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: ([A-Za-z]{1,4}|[+-]\d{2}:?\d{2}))?:?(?= |$)/;
/** RFC 3339 as rsyslog's high-precision 3164 and RFC 5424 write it. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?(?= |$)/;

export type StampMatch = { time: Date; length: number; yearGuessed: boolean; zoneGuessed: boolean };

function offsetMinutes(zone: string): number | undefined {
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function utcFromLocal(
  parts: [number, number, number, number, number, number, number],
  offset: number,
): number {
  const [y, mo, d, h, mi, s, ms] = parts;
  return Date.UTC(y, mo, d, h, mi, s, ms) - offset * 60_000;
}

function millis(fraction: string | undefined): number {
  return fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
}

/**
 * Reads a BSD timestamp at the start of text. Without a year, the year that puts the event nearest
 * to its arrival is chosen (so a Dec 31 event arriving on Jan 1 keeps last year). Without a zone,
 * the source's zone applies (Vietnamese devices log UTC+7).
 */
export function matchBsdStamp(text: string, receivedAt: Date, defaultOffset: number): StampMatch | null {
  const m = BSD.exec(text);
  if (!m) return null;
  const month = MONTHS[m[1]!.toLowerCase()];
  const day = Number(m[2]);
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (month === undefined || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return null;
  let zoneOffset = m[8] ? offsetMinutes(m[8]) : undefined;
  let length = m[0].length;
  if (m[8] && zoneOffset === undefined) {
    // Not a zone after all (e.g. a short host name): give the token back.
    length = m[0].length - m[8].length - 1 - (m[0].endsWith(':') ? 1 : 0);
    zoneOffset = undefined;
  }
  const offset = zoneOffset ?? defaultOffset;
  const ms = millis(m[7]);
  if (m[3]) {
    const time = new Date(utcFromLocal([Number(m[3]), month, day, h, mi, s, ms], offset));
    return { time, length, yearGuessed: false, zoneGuessed: zoneOffset === undefined };
  }
  const arrivalYear = new Date(receivedAt.getTime() + offset * 60_000).getUTCFullYear();
  let best = Number.NaN;
  for (const year of [arrivalYear - 1, arrivalYear, arrivalYear + 1]) {
    const t = utcFromLocal([year, month, day, h, mi, s, ms], offset);
    if (Number.isNaN(best) || Math.abs(t - receivedAt.getTime()) < Math.abs(best - receivedAt.getTime()))
      best = t;
  }
  return { time: new Date(best), length, yearGuessed: true, zoneGuessed: zoneOffset === undefined };
}

/** Reads an RFC 3339 timestamp at the start of text; a missing zone means the source's zone. */
export function matchIsoStamp(text: string, defaultOffset: number): StampMatch | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const parts = [Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const [, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const zone = m[8] ? offsetMinutes(m[8]) : undefined;
  const offset = zone ?? defaultOffset;
  const time = new Date(utcFromLocal([...parts, millis(m[7])] as never, offset));
  if (Number.isNaN(time.getTime()) || Math.abs(time.getTime()) > 400 * 365 * DAY_MS) return null;
  return { time, length: m[0].length, yearGuessed: false, zoneGuessed: zone === undefined };
}
