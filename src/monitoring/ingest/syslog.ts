import type { LogEvent } from '../events/model';
import { isJsSpace } from './chars';
import { decodeLegacy, decodeUtf8 } from './text';
import { scanBsdStamp, scanIsoStamp, scanned } from './timestamps';
import { parseVendor } from './vendors';

export type ParseOptions = {
  receivedAt: Date;
  /** Minutes east of UTC for stamps without a zone; Vietnamese devices log local time (UTC+7). */
  tzOffsetMinutes?: number;
};

export const VIETNAM_OFFSET = 420;
// RFC 5424 §6 header caps: longer values are cut, not refused.
const CAPS = { host: 255, app: 48, procid: 128, msgid: 32 };

// The header is read by index, one pass, without regexes or intermediate objects: parsing runs for
// every event (issue 5, ingest speed; bench/syslog-parse.bench.ts). The regexes of the previous parser,
// which bench/baseline/syslog.ts keeps and the differential test holds this one to, are quoted where
// the scanner stands in for them.
const LT = 60; // <
const GT = 62; // >
const SPACE = 32;
const COLON = 58;
const DASH = 45;
const BOM = 0xfeff;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Parses one syslog record (RFC 5424, RFC 3164 and what devices really send) from its bytes. Never
 * throws: what cannot be read becomes a 'raw' event with the reason, the text kept as received.
 */
export function parseSyslog(bytes: Uint8Array, options: ParseOptions): LogEvent {
  const text = decodeUtf8(bytes);
  if (text !== null) return parseSyslogText(text, options);
  const event = parseSyslogText(decodeLegacy(bytes), options);
  // A copy of the same kind: a TCP frame is a view of the whole received chunk.
  event.raw = Buffer.isBuffer(bytes) ? Buffer.from(bytes) : new Uint8Array(bytes);
  event.fields.encoding = 'invalid-utf8';
  return event;
}

function event(
  receivedAt: Date,
  time: Date,
  host: string | null,
  app: string | null,
  facility: number | null,
  severity: number | null,
  format: LogEvent['format'],
  message: string,
  fields: Record<string, unknown>,
  parseError: string | null,
): LogEvent {
  // One literal, one shape: the key order is the one the earlier spreads produced.
  return { receivedAt, raw: null, time, host, app, facility, severity, format, message, fields, parseError };
}

export function parseSyslogText(input: string, options: ParseOptions): LogEvent {
  const offset = options.tzOffsetMinutes ?? VIETNAM_OFFSET;
  const receivedAt = options.receivedAt;
  // stripBom, then /[\r\n\0]+$/ away.
  const start = input.charCodeAt(0) === BOM ? 1 : 0;
  let end = input.length;
  for (let c = input.charCodeAt(end - 1); end > start && (c === 13 || c === 10 || c === 0); )
    c = input.charCodeAt(--end - 1);
  const text = start === 0 && end === input.length ? input : input.slice(start, end);
  // /^<(\d{1,3})>/
  let pri = -1;
  let at = 0;
  if (text.charCodeAt(0) === LT) {
    let n = 0;
    let value = 0;
    while (n < 4 && isDigit(text.charCodeAt(1 + n))) value = value * 10 + text.charCodeAt(1 + n++) - 48;
    if (n >= 1 && n <= 3 && text.charCodeAt(1 + n) === GT) {
      pri = value;
      at = n + 2;
    }
  }
  if (pri > 191)
    return event(receivedAt, receivedAt, null, null, null, null, 'raw', text, {}, 'PRI above 191');
  const facility = pri < 0 ? null : pri >> 3;
  const severity = pri < 0 ? null : pri & 7;
  const e = isVersion1(text, at)
    ? parse5424(text, at + 2, receivedAt, offset, facility, severity)
    : parse3164(text, at, receivedAt, offset, facility, severity);
  if (pri < 0) e.fields['syslog.no_pri'] = true;
  return parseVendor(e, offset);
}

/** /^1 / and not /^1 (\d{1,2}):/ (Cisco's `1 12:` uptime is not a version). */
function isVersion1(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 49 || text.charCodeAt(at + 1) !== SPACE) return false;
  if (!isDigit(text.charCodeAt(at + 2))) return true;
  const c = text.charCodeAt(at + 3);
  return !(c === COLON || (isDigit(c) && text.charCodeAt(at + 4) === COLON));
}

const isNil = (text: string, from: number, to: number) => to - from === 1 && text.charCodeAt(from) === DASH;
function capped(text: string, from: number, to: number, max: number): string | null {
  return isNil(text, from, to) ? null : text.slice(from, Math.min(to, from + max));
}

function parse5424(
  text: string,
  at: number,
  receivedAt: Date,
  offset: number,
  facility: number | null,
  severity: number | null,
): LogEvent {
  // Many senders write the version and then a BSD stamp: read the rest as RFC 3164, keep the version.
  if (scanBsdStamp(text, at, receivedAt, offset) >= 0) {
    const e = parse3164(text, at, receivedAt, offset, facility, severity);
    e.fields['syslog.version'] = 1;
    return e;
  }
  // STAMP HOST APP PROCID MSGID, then structured data and the message: rest.split(' ') by index.
  const s1 = text.indexOf(' ', at);
  const s2 = s1 < 0 ? -1 : text.indexOf(' ', s1 + 1);
  const s3 = s2 < 0 ? -1 : text.indexOf(' ', s2 + 1);
  const s4 = s3 < 0 ? -1 : text.indexOf(' ', s3 + 1);
  if (s4 < 0) {
    const message = text.slice(at);
    return event(
      receivedAt,
      receivedAt,
      null,
      null,
      facility,
      severity,
      'raw',
      message,
      {},
      'RFC 5424 header too short',
    );
  }
  const s5 = text.indexOf(' ', s4 + 1);
  const msgidEnd = s5 < 0 ? text.length : s5;
  let time = receivedAt;
  let parseError: string | null = null;
  if (!isNil(text, at, s1)) {
    if (scanIsoStamp(text, at, offset) === s1) time = new Date(scanned.ms);
    else parseError = 'RFC 5424 timestamp unreadable';
  }
  const sd = scanStructuredData(text, s5 < 0 ? text.length : s5 + 1);
  const fields = sd.fields;
  if (!isNil(text, s3 + 1, s4))
    fields['syslog.procid'] = text.slice(s3 + 1, Math.min(s4, s3 + 1 + CAPS.procid));
  if (!isNil(text, s4 + 1, msgidEnd))
    fields['syslog.msgid'] = text.slice(s4 + 1, Math.min(msgidEnd, s4 + 1 + CAPS.msgid));
  // stripBom(rest without its leading space)
  let m = sd.restAt;
  if (text.charCodeAt(m) === SPACE) m++;
  if (text.charCodeAt(m) === BOM) m++;
  return event(
    receivedAt,
    time,
    capped(text, s1 + 1, s2, CAPS.host),
    capped(text, s2 + 1, s3, CAPS.app),
    facility,
    severity,
    'rfc5424',
    sd.restAt >= text.length ? '' : text.slice(m),
    fields,
    parseError ?? sd.error,
  );
}

type SdScan = { fields: Record<string, unknown>; restAt: number; error: string | null };

/** Reads `-` or `[id k="v" …][…]`; values unescape `\"`, `\\` and `\]` (RFC 5424 §6.3.3). */
export function parseStructuredData(text: string): {
  fields: Record<string, string>;
  rest: string;
  error: string | null;
} {
  const sd = scanStructuredData(text, 0);
  return { fields: sd.fields as Record<string, string>, rest: text.slice(sd.restAt), error: sd.error };
}

/** parseStructuredData of text from `from` to its end; `restAt` is where the rest begins. */
function scanStructuredData(text: string, from: number): SdScan {
  const fields: Record<string, unknown> = {};
  const len = text.length;
  if (from === len) return { fields, restAt: len, error: 'RFC 5424 structured data missing' };
  if (text.charCodeAt(from) === DASH && (from + 1 === len || text.charCodeAt(from + 1) === SPACE))
    return { fields, restAt: from + 1, error: null };
  let i = from;
  while (text.charCodeAt(i) === 91) {
    // The SD-ID runs to the first space or `]` (one of them must come, and not at once).
    let idEnd = i + 1;
    while (idEnd < len && text.charCodeAt(idEnd) !== SPACE && text.charCodeAt(idEnd) !== 93) idEnd++;
    if (idEnd === len || idEnd === i + 1) return { fields, restAt: i, error: 'bad structured data' };
    const id = text.slice(i + 1, idEnd);
    i = idEnd;
    while (text.charCodeAt(i) === SPACE) {
      // / ([^= \]"]{1,32})="/ : the name runs to the first of `= ]"`, then `="` must follow.
      let nameEnd = i + 1;
      for (
        let c = text.charCodeAt(nameEnd);
        nameEnd < len && c !== 61 && c !== SPACE && c !== 93 && c !== 34;
      )
        c = text.charCodeAt(++nameEnd);
      const nameLength = nameEnd - i - 1;
      if (
        nameLength < 1 ||
        nameLength > 32 ||
        text.charCodeAt(nameEnd) !== 61 ||
        text.charCodeAt(nameEnd + 1) !== 34
      )
        return { fields, restAt: i, error: 'bad structured data' };
      const name = text.slice(i + 1, nameEnd);
      i = nameEnd + 2;
      let value = '';
      let chunk = i; // start of the run not yet copied into value
      while (i < len && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92) {
          const next = text.charCodeAt(i + 1);
          if (next === 34 || next === 92 || next === 93) {
            value += text.slice(chunk, i);
            chunk = ++i;
          }
        }
        i++;
      }
      if (i >= len) return { fields, restAt: len, error: 'unterminated structured data value' };
      fields[`sd.${id}.${name}`] =
        chunk === nameEnd + 2 ? text.slice(chunk, i) : value + text.slice(chunk, i);
      i++;
    }
    if (text.charCodeAt(i) !== 93) return { fields, restAt: i, error: 'bad structured data' };
    i++;
  }
  if (i === from) return { fields, restAt: from, error: 'bad structured data' };
  return { fields, restAt: i, error: null };
}

/** The tag /^([^\s:[\]]{1,48}?)(?:\(([^)\s]{1,48})\))?(?:\[([^\]\s]{0,128})\])?(?::(?: |$)|(?<=\]) )/. */
const tag = { appEnd: 0, moduleFrom: -1, moduleTo: -1, pidFrom: -1, pidTo: -1 };
const isTagChar = (c: number) => c !== COLON && c !== 91 && c !== 93 && !isJsSpace(c);

/** The index after the tag at `at` (its parts in `tag`), or -1. Mirrors the regex's lazy search. */
function scanTag(text: string, at: number): number {
  const len = text.length;
  let run = 0; // tag characters from `at`, counted to 49
  while (run < 49 && at + run < len && isTagChar(text.charCodeAt(at + run))) run++;
  for (let n = 1; n <= run && n <= 48; n++) {
    let p = at + n;
    // Inside the run only `(` can end the name (and it may still be part of it); at its end, anything.
    if (n < run && text.charCodeAt(p) !== 40) continue;
    tag.moduleFrom = -1;
    tag.pidFrom = -1;
    if (text.charCodeAt(p) === 40) {
      let r = 0;
      for (let c = text.charCodeAt(p + 1); r < 49 && p + 1 + r < len && c !== 41 && !isJsSpace(c); )
        c = text.charCodeAt(p + 1 + ++r);
      if (r < 1 || r > 48 || text.charCodeAt(p + 1 + r) !== 41) continue;
      tag.moduleFrom = p + 1;
      tag.moduleTo = p + 1 + r;
      p += r + 2;
    }
    if (text.charCodeAt(p) === 91) {
      let r = 0;
      for (let c = text.charCodeAt(p + 1); r < 129 && p + 1 + r < len && c !== 93 && !isJsSpace(c); )
        c = text.charCodeAt(p + 1 + ++r);
      if (r > 128 || text.charCodeAt(p + 1 + r) !== 93) continue;
      tag.pidFrom = p + 1;
      tag.pidTo = p + 1 + r;
      p += r + 2;
    }
    const c = text.charCodeAt(p);
    tag.appEnd = at + n;
    if (c === COLON) {
      if (text.charCodeAt(p + 1) === SPACE) return p + 2;
      if (p + 1 === len) return p + 1;
    } else if (c === SPACE && text.charCodeAt(p - 1) === 93) return p + 1;
  }
  return -1;
}

function parse3164(
  text: string,
  at: number,
  receivedAt: Date,
  offset: number,
  facility: number | null,
  severity: number | null,
): LogEvent {
  const fields: Record<string, unknown> = {};
  let i = at;
  // /^\d{1,10}: / is a Cisco IOS sequence number.
  let n = 0;
  let sequence = 0;
  while (n <= 10 && isDigit(text.charCodeAt(i + n))) sequence = sequence * 10 + text.charCodeAt(i + n++) - 48;
  if (n >= 1 && n <= 10 && text.charCodeAt(i + n) === COLON && text.charCodeAt(i + n + 1) === SPACE) {
    fields['syslog.sequence'] = sequence;
    i += n + 2;
  }
  let stampEnd = scanBsdStamp(text, i, receivedAt, offset);
  if (stampEnd < 0) stampEnd = scanIsoStamp(text, i, offset);
  let time = receivedAt;
  if (stampEnd >= 0) {
    time = new Date(scanned.ms);
    i = stampEnd;
    while (text.charCodeAt(i) === SPACE) i++;
    if (scanned.yearGuessed) fields['syslog.year_guessed'] = true;
  } else fields['syslog.no_timestamp'] = true;
  let host: string | null = null;
  if (stampEnd >= 0) {
    // The first word is the host unless it looks like a tag (`x:`, `x[1]`), a Cisco `%…` or a k=v.
    let e = i;
    let hostLike = text.charCodeAt(i) !== 37; // %
    for (let c = text.charCodeAt(e); e < text.length && !isJsSpace(c); c = text.charCodeAt(++e))
      if (c === 91 || c === 61) hostLike = false;
    if (e > i && hostLike && text.charCodeAt(e - 1) !== COLON) {
      host = text.slice(i, Math.min(e, i + CAPS.host));
      i = e;
      // /^ +(: )?/
      if (text.charCodeAt(i) === SPACE) {
        while (text.charCodeAt(i) === SPACE) i++;
        if (text.charCodeAt(i) === COLON && text.charCodeAt(i + 1) === SPACE) i += 2;
      }
    }
  }
  let app: string | null = null;
  const tagEnd = text.charCodeAt(i) === 37 ? -1 : scanTag(text, i);
  if (tagEnd >= 0) {
    app = text.slice(i, tag.appEnd);
    if (tag.moduleFrom >= 0) fields['syslog.tag_module'] = text.slice(tag.moduleFrom, tag.moduleTo);
    if (tag.pidFrom >= 0 && tag.pidTo > tag.pidFrom)
      fields['syslog.procid'] = text.slice(tag.pidFrom, tag.pidTo);
    i = tagEnd;
  }
  const message = i === 0 ? text : text.slice(i);
  return event(receivedAt, time, host, app, facility, severity, 'rfc3164', message, fields, null);
}
