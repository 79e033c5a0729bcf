// Frozen copy of src/monitoring/ingest/syslog.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';
import { decodeText, stripBom } from './text';
import { matchBsdStamp, matchIsoStamp } from './timestamps';
import { parseVendor } from './vendors';

export type ParseOptions = {
  receivedAt: Date;
  /** Minutes east of UTC for stamps without a zone; Vietnamese devices log local time (UTC+7). */
  tzOffsetMinutes?: number;
};

export const VIETNAM_OFFSET = 420;
const NIL = '-';
// RFC 5424 §6 header caps: longer values are cut, not refused.
const CAPS = { host: 255, app: 48, procid: 128, msgid: 32 };

type Header = Omit<LogEvent, 'raw' | 'receivedAt'>;

/**
 * Parses one syslog record (RFC 5424, RFC 3164 and what devices really send) from its bytes. Never
 * throws: what cannot be read becomes a 'raw' event with the reason, the text kept as received.
 */
export function parseSyslog(bytes: Uint8Array, options: ParseOptions): LogEvent {
  const decoded = decodeText(bytes);
  const event = parseSyslogText(decoded.text, options);
  if (decoded.valid) return event;
  return { ...event, raw: bytes, fields: { ...event.fields, encoding: 'invalid-utf8' } };
}

export function parseSyslogText(input: string, options: ParseOptions): LogEvent {
  const offset = options.tzOffsetMinutes ?? VIETNAM_OFFSET;
  const text = stripBom(input).replace(/[\r\n\0]+$/, '');
  const base = { receivedAt: options.receivedAt, raw: null };
  const pri = /^<(\d{1,3})>/.exec(text);
  const priValue = pri ? Number(pri[1]) : null;
  if (priValue !== null && priValue > 191) {
    return { ...base, ...rawHeader(text, options.receivedAt, 'PRI above 191') };
  }
  const facility = priValue === null ? null : priValue >> 3;
  const severity = priValue === null ? null : priValue & 7;
  const rest = pri ? text.slice(pri[0].length) : text;
  const header =
    /^1 /.test(rest) && !/^1 (\d{1,2}):/.test(rest)
      ? parse5424(rest.slice(2), options.receivedAt, offset)
      : parse3164(rest, options.receivedAt, offset);
  const event: LogEvent = { ...base, ...header, facility, severity };
  if (priValue === null) event.fields = { ...event.fields, 'syslog.no_pri': true };
  return parseVendor(event, offset);
}

function rawHeader(text: string, receivedAt: Date, reason: string): Header {
  return {
    time: receivedAt,
    host: null,
    app: null,
    facility: null,
    severity: null,
    format: 'raw',
    message: text,
    fields: {},
    parseError: reason,
  };
}

function cap(value: string, max: number): string | null {
  return value === NIL ? null : value.slice(0, max);
}

function parse5424(rest: string, receivedAt: Date, offset: number): Header {
  // Many senders write the version and then a BSD stamp: read the rest as RFC 3164, keep the version.
  if (matchBsdStamp(rest, receivedAt, offset)) {
    const h = parse3164(rest, receivedAt, offset);
    return { ...h, fields: { ...h.fields, 'syslog.version': 1 } };
  }
  const tokens = rest.split(' ');
  if (tokens.length < 5) return rawHeader(rest, receivedAt, 'RFC 5424 header too short');
  const [stamp, host, app, procid, msgid] = tokens as [string, string, string, string, string];
  let time = receivedAt;
  let parseError: string | null = null;
  if (stamp !== NIL) {
    const m = matchIsoStamp(stamp, offset);
    if (m && m.length === stamp.length) time = m.time;
    else parseError = 'RFC 5424 timestamp unreadable';
  }
  const afterHeader = tokens.slice(5).join(' ');
  const sd = parseStructuredData(afterHeader);
  const fields: Record<string, unknown> = { ...sd.fields };
  if (procid !== NIL) fields['syslog.procid'] = procid.slice(0, CAPS.procid);
  if (msgid !== NIL) fields['syslog.msgid'] = msgid.slice(0, CAPS.msgid);
  return {
    time,
    host: cap(host, CAPS.host),
    app: cap(app, CAPS.app),
    facility: null,
    severity: null,
    format: 'rfc5424',
    message: stripBom(sd.rest.startsWith(' ') ? sd.rest.slice(1) : sd.rest),
    fields,
    parseError: parseError ?? sd.error,
  };
}

type SdResult = { fields: Record<string, string>; rest: string; error: string | null };

/** Reads `-` or `[id k="v" …][…]`; values unescape `\"`, `\\` and `\]` (RFC 5424 §6.3.3). */
export function parseStructuredData(text: string): SdResult {
  if (text === NIL || text.startsWith(`${NIL} `) || text === '') {
    return {
      fields: {},
      rest: text.slice(1),
      error: text === '' ? 'RFC 5424 structured data missing' : null,
    };
  }
  const fields: Record<string, string> = {};
  let i = 0;
  while (text[i] === '[') {
    const idEnd = text.slice(i + 1).search(/[ \]]/);
    if (idEnd <= 0) return { fields, rest: text.slice(i), error: 'bad structured data' };
    const id = text.slice(i + 1, i + 1 + idEnd);
    i += 1 + idEnd;
    while (text[i] === ' ') {
      const m = /^ ([^= \]"]{1,32})="/.exec(text.slice(i, i + 40));
      if (!m) return { fields, rest: text.slice(i), error: 'bad structured data' };
      i += m[0].length;
      let value = '';
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) i++;
        value += text[i++];
      }
      if (i >= text.length) return { fields, rest: '', error: 'unterminated structured data value' };
      fields[`sd.${id}.${m[1]}`] = value;
      i++;
    }
    if (text[i] !== ']') return { fields, rest: text.slice(i), error: 'bad structured data' };
    i++;
  }
  if (i === 0) return { fields, rest: text, error: 'bad structured data' };
  return { fields, rest: text.slice(i), error: null };
}

const TAG = /^([^\s:[\]]{1,48}?)(?:\(([^)\s]{1,48})\))?(?:\[([^\]\s]{0,128})\])?(?::(?: |$)|(?<=\]) )/;

function parse3164(rest: string, receivedAt: Date, offset: number): Header {
  let text = rest.replace(/^\d{1,10}: /, ''); // Cisco IOS sequence number
  const fields: Record<string, unknown> = {};
  if (text !== rest) fields['syslog.sequence'] = Number(/^\d+/.exec(rest)![0]);
  const stamp = matchBsdStamp(text, receivedAt, offset) ?? matchIsoStamp(text, offset);
  let time = receivedAt;
  if (stamp) {
    time = stamp.time;
    text = text.slice(stamp.length).replace(/^ +/, '');
    if (stamp.yearGuessed) fields['syslog.year_guessed'] = true;
  } else fields['syslog.no_timestamp'] = true;
  let host: string | null = null;
  const first = /^\S+/.exec(text)?.[0] ?? '';
  if (
    stamp &&
    first &&
    !first.endsWith(':') &&
    !first.includes('[') &&
    !first.startsWith('%') &&
    !first.includes('=')
  ) {
    host = first.slice(0, CAPS.host);
    text = text.slice(first.length).replace(/^ +(: )?/, '');
  }
  const tag = TAG.exec(text);
  let app: string | null = null;
  if (tag && !tag[1]!.startsWith('%')) {
    app = tag[1]!;
    if (tag[2]) fields['syslog.tag_module'] = tag[2];
    if (tag[3]) fields['syslog.procid'] = tag[3];
    text = text.slice(tag[0].length);
  }
  return {
    time,
    host,
    app,
    facility: null,
    severity: null,
    format: 'rfc3164',
    message: text,
    fields,
    parseError: null,
  };
}
