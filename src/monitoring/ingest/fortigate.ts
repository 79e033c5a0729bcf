import type { LogEvent } from '../events/model';
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
  // FortiOS 4 wrote device_id/log_id; later versions devid/logid. The includes() skip the regexes
  // for the lines (nearly all) that cannot match them.
  if (!message.includes('logid') && !message.includes('log_id')) return false;
  return /\blog_?id="?\d/.test(message) && /\bdev(?:ice_)?id=|\bsubtype=/.test(message);
}

/**
 * FortiGate `key=value` logs (quoted since FortiOS 6, unquoted before, with or without a syslog
 * header). Time: `eventtime` (epoch s/ms/µs/ns) when present, else `date`+`time` in `tz` or the
 * source's zone.
 */
export function parseFortigate(event: LogEvent, offset: number): LogEvent {
  return parseFortigateInPlace({ ...event, fields: { ...event.fields } }, offset);
}

/** parseFortigate on an event the caller owns: updated, not copied. */
export function parseFortigateInPlace(event: LogEvent, offset: number): LogEvent {
  const kv = parseKeyValues(event.message, 3);
  if (!kv) {
    event.parseError = 'FortiGate line without key=value pairs';
    return event;
  }
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
  // hasOwn: `level=constructor` must not read Object.prototype (it once became the severity).
  const level = kv.level && Object.hasOwn(LEVELS, kv.level) ? LEVELS[kv.level] : undefined;
  event.time = time;
  event.host = kv.devname ?? event.host;
  event.app = event.app ?? 'fortigate';
  event.severity = event.severity ?? level ?? null;
  event.format = 'fortigate';
  event.message = kv.msg ?? kv.logdesc ?? event.message;
  const fields = event.fields;
  for (const k in kv) fields[k] = kv[k];
  return event;
}
