// Frozen copy of src/monitoring/ingest/fortigate.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';
import { parseKeyValues } from './key-value';
import { matchIsoStamp } from './timestamps';

const LEVELS: Record<string, number> = {
  emergency: 0,
  alert: 1,
  critical: 2,
  error: 3,
  warning: 4,
  notice: 5,
  information: 6,
  debug: 7,
};

export function looksLikeFortigate(message: string): boolean {
  // FortiOS 4 wrote device_id/log_id; later versions devid/logid.
  return /\blog_?id="?\d/.test(message) && /\bdev(?:ice_)?id=|\bsubtype=/.test(message);
}

/**
 * FortiGate `key=value` logs (quoted since FortiOS 6, unquoted before, with or without a syslog
 * header). Time: `eventtime` (epoch s/ms/µs/ns) when present, else `date`+`time` in `tz` or the
 * source's zone.
 */
export function parseFortigate(event: LogEvent, offset: number): LogEvent {
  const kv = parseKeyValues(event.message, 3);
  if (!kv) return { ...event, parseError: 'FortiGate line without key=value pairs' };
  let time = event.time;
  const epoch = kv.eventtime ? Number(kv.eventtime) : Number.NaN;
  if (Number.isFinite(epoch) && epoch > 0) {
    // FortiOS writes seconds (10 digits) or ns (19); scale to milliseconds.
    const digits = String(Math.trunc(epoch)).length;
    const ms = digits <= 10 ? epoch * 1000 : epoch / 10 ** (digits - 13);
    if (!Number.isNaN(new Date(ms).getTime())) time = new Date(ms);
  } else if (kv.date && kv.time) {
    const zone = kv.tz && /^[+-]\d{4}$/.test(kv.tz) ? kv.tz : '';
    const m = matchIsoStamp(`${kv.date}T${kv.time}${zone}`, offset);
    if (m) time = m.time;
  }
  // The one change to the frozen copy: the `level=constructor` fix (hasOwn), so the differential test compares the rest.
  const level = kv.level && Object.hasOwn(LEVELS, kv.level) ? LEVELS[kv.level] : undefined;
  return {
    ...event,
    time,
    host: kv.devname ?? event.host,
    app: event.app ?? 'fortigate',
    severity: event.severity ?? level ?? null,
    format: 'fortigate',
    message: kv.msg ?? kv.logdesc ?? event.message,
    fields: { ...event.fields, ...kv },
  };
}
