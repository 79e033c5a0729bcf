// Frozen copy of src/monitoring/ingest/access-logs.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';

// Apache/Nginx common and combined: `ip ident user [time] "request" status bytes ["referer" "agent"]`.
// The request is matched lazily up to `" status bytes`: attack requests carry unescaped quotes.
const COMBINED =
  /^(\S+) (\S+) (\S+) \[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(.*?)" (\d{3}|-) (\d+|-)(?= |$)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

function hasControlBytes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) return true;
  }
  return false;
}

export function looksLikeAccessLog(message: string): boolean {
  return COMBINED.test(message);
}

function dash(value: string | undefined): string | undefined {
  return value === undefined || value === '-' ? undefined : value;
}

/**
 * One access-log line. Requests that are not `METHOD target PROTOCOL` (TLS bytes sent to the HTTP
 * port, scanners) keep their text in `request` with no method: a raw record, never a crash.
 */
export function parseAccessLine(line: string, receivedAt: Date): LogEvent | null {
  const m = COMBINED.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[5]!) / 3;
  const zone = m[10]!;
  const offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const time = new Date(
    Date.UTC(Number(m[6]), month, Number(m[4]), Number(m[7]), Number(m[8]), Number(m[9])) - offset * 60_000,
  );
  const request = m[11]!;
  const parts = /^([A-Za-z][\w-]{0,19}) (\S+)(?: (\S+))? *$/.exec(request);
  // `-` is Apache's own "no request line" (timeouts); control bytes are not HTTP (TLS on port 80).
  const binary = hasControlBytes(request);
  const target = parts?.[2] ?? '';
  const q = target.indexOf('?');
  const fields: Record<string, unknown> = {
    'c-ip': m[1],
    'cs-username': dash(m[3]),
    'cs-method': parts?.[1],
    'cs-uri-stem': q >= 0 ? target.slice(0, q) : target || undefined,
    'cs-uri-query': q >= 0 ? target.slice(q + 1) : undefined,
    'cs-version': parts?.[3],
    'sc-status': m[12] === '-' ? undefined : Number(m[12]),
    'sc-bytes': m[13] === '-' ? undefined : Number(m[13]),
    'cs-referer': dash(m[14]),
    'cs-user-agent': dash(m[15]),
    request,
  };
  for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
  return {
    time: month < 0 || Number.isNaN(time.getTime()) ? receivedAt : time,
    receivedAt,
    host: null,
    app: null,
    facility: null,
    severity: null,
    format: 'access-log',
    message: line,
    fields,
    raw: null,
    parseError: binary
      ? 'request line holds control bytes'
      : parts || request === '-'
        ? null
        : 'request line unreadable',
  };
}

const IIS_DEFAULT_FIELDS =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'.split(
    ' ',
  );

/**
 * IIS W3C extended logs: the `#Fields:` directive names the columns of the lines that follow, so the
 * reader keeps state across lines. Before any directive, IIS's default field list applies.
 */
export class W3cReader {
  private fields = IIS_DEFAULT_FIELDS;

  /** Returns the event, or null for directives, comments and blank lines. */
  read(line: string, receivedAt: Date): LogEvent | null {
    const text = line.replace(/\r$/, '');
    if (text.startsWith('#')) {
      if (text.startsWith('#Fields:')) this.fields = text.slice(8).trim().split(/\s+/);
      return null;
    }
    if (text.trim() === '') return null;
    const cells = text.split(' ');
    const fields: Record<string, unknown> = {};
    this.fields.forEach((name, i) => {
      const value = cells[i];
      if (value === undefined || value === '-') return;
      const key = name
        .toLowerCase()
        .replace('cs(user-agent)', 'cs-user-agent')
        .replace('cs(referer)', 'cs-referer');
      fields[key] = /^(sc-status|s-port|time-taken|sc-bytes|cs-bytes)$/.test(key)
        ? Number(value)
        : value.replace(/\+/g, ' ');
    });
    const stamp = Date.parse(`${fields.date}T${fields.time}Z`);
    const mismatch = cells.length !== this.fields.length;
    return {
      time: Number.isNaN(stamp) ? receivedAt : new Date(stamp),
      receivedAt,
      host: (fields['s-computername'] as string | undefined) ?? null,
      app: 'iis',
      facility: null,
      severity: null,
      format: 'iis',
      message: text,
      fields,
      raw: null,
      parseError: mismatch ? `expected ${this.fields.length} columns, got ${cells.length}` : null,
    };
  }
}
