import { describe, expect, it } from 'vitest';
import { parseStructuredData, parseSyslog, parseSyslogText } from './syslog';

const receivedAt = new Date('2026-03-15T05:00:00Z');
const parse = (text: string, tz?: number) => parseSyslogText(text, { receivedAt, tzOffsetMinutes: tz });

describe('RFC 5424', () => {
  it('reads the RFC example with structured data, BOM and message', () => {
    const e = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] \uFEFFAn application event log entry',
    );
    expect(e).toMatchObject({
      format: 'rfc5424',
      facility: 20,
      severity: 5,
      host: 'mymachine.example.com',
      app: 'evntslog',
      message: 'An application event log entry',
      parseError: null,
    });
    expect(e.time.toISOString()).toBe('2003-10-11T22:14:15.003Z');
    expect(e.fields).toMatchObject({
      'syslog.msgid': 'ID47',
      'sd.exampleSDID@32473.eventID': '1011',
      'sd.examplePriority@32473.class': 'high',
    });
  });

  it('keeps offsets, microseconds and nil values', () => {
    const e = parse('<34>1 2003-08-24T05:14:15.000003-07:00 - su 123 - - hello');
    expect(e.time.toISOString()).toBe('2003-08-24T12:14:15.000Z');
    expect(e).toMatchObject({ host: null, app: 'su', message: 'hello' });
    expect(e.fields['syslog.procid']).toBe('123');
  });

  it('unescapes quotes, backslashes and brackets in SD values', () => {
    const sd = parseStructuredData('[a@1 k="x \\"y\\" \\] \\\\z"] msg');
    expect(sd).toEqual({ fields: { 'sd.a@1.k': 'x "y" ] \\z' }, rest: ' msg', error: null });
  });

  it('falls back to RFC 3164 after `1 ` and a BSD stamp', () => {
    const e = parse('<13>1 Oct 11 22:14:15 myhost app[5]: text');
    expect(e).toMatchObject({ format: 'rfc3164', host: 'myhost', app: 'app', message: 'text' });
    expect(e.fields['syslog.version']).toBe(1);
  });

  it('marks unreadable headers and structured data without throwing', () => {
    expect(parse('<13>1 2003-13-45T99:99:99Z h a - - - m').parseError).toMatch(/timestamp/);
    expect(parse('<13>1 2003-10-11T22:14:15Z h a - - [broken m').parseError).toMatch(/structured/);
    expect(parse('<13>1 2003-10-11T22:14:15Z h').parseError).toMatch(/too short/);
    expect(parse('<13>1 2003-10-11T22:14:15Z h a - - [x k="never closed').parseError).toMatch(/unterminated/);
  });
});

describe('RFC 3164 and real-world deviations', () => {
  it('reads the classic form in local UTC+7 and guesses the year', () => {
    const e = parse('<38>Mar 15 11:59:00 web01 sshd[42]: Accepted password for a from 10.0.0.1 port 22 ssh2');
    expect(e.time.toISOString()).toBe('2026-03-15T04:59:00.000Z');
    expect(e).toMatchObject({ host: 'web01', app: 'sshd', facility: 4, severity: 6 });
    expect(e.fields['syslog.year_guessed']).toBe(true);
  });

  it('puts a Dec 31 event that arrives on Jan 1 in the previous year', () => {
    const e = parseSyslogText('<13>Dec 31 23:59:58 h app: x', {
      receivedAt: new Date('2027-01-01T00:00:05+07:00'),
    });
    expect(e.time.toISOString()).toBe('2026-12-31T16:59:58.000Z');
    const early = parseSyslogText('<13>Jan  1 00:00:02 h app: x', {
      receivedAt: new Date('2026-12-31T23:59:59+07:00'),
    });
    expect(early.time.toISOString()).toBe('2026-12-31T17:00:02.000Z');
  });

  it('accepts a missing host, a missing PRI, double-space days and zones', () => {
    expect(parse('<13>Oct  1 01:02:03 sshd[1]: hi')).toMatchObject({
      host: null,
      app: 'sshd',
      message: 'hi',
    });
    const noPri = parse('Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186');
    expect(noPri).toMatchObject({ facility: null, host: 'LabSZ', app: 'sshd' });
    expect(noPri.fields['syslog.no_pri']).toBe(true);
    expect(parse('<13>Oct  1 01:02:03 UTC h x: y').time.toISOString()).toMatch(/T01:02:03/);
  });

  it('reads a colon-less tag, an ISO stamp and a bare message', () => {
    expect(parse('<13>Oct  1 01:02:03 h cron[7] job done')).toMatchObject({
      app: 'cron',
      message: 'job done',
    });
    const iso = parse('<13>2026-03-15T10:00:00.123+07:00 h app: x');
    expect(iso.time.toISOString()).toBe('2026-03-15T03:00:00.123Z');
    const bare = parse('<13>just some text');
    expect(bare).toMatchObject({ format: 'rfc3164', message: 'just some text', host: null });
    expect(bare.time).toBe(receivedAt);
  });

  it('strips a BOM before the PRI and trailing CR/LF/NUL', () => {
    expect(parse('\uFEFF<13>Oct  1 01:02:03 h a: m\r\n\0').message).toBe('m');
  });

  it('refuses a PRI above 191 as raw, with the reason', () => {
    expect(parse('<999>Oct  1 01:02:03 h a: m')).toMatchObject({
      format: 'raw',
      parseError: 'PRI above 191',
    });
  });
});

describe('bytes', () => {
  it('keeps invalid UTF-8 (TCVN3/VNI/CP1258 senders) as raw bytes and decodes for display', () => {
    // "Đăng nhập" in Windows-1258 bytes: not UTF-8.
    const bytes = Buffer.concat([
      Buffer.from('<13>Oct  1 01:02:03 h app: '),
      Buffer.from([0xd0, 0xe3, 0x6e, 0x67]),
    ]);
    const e = parseSyslog(bytes, { receivedAt });
    expect(e.raw).toEqual(bytes);
    expect(e.fields.encoding).toBe('invalid-utf8');
    expect(e.message).toBe('Đăng');
  });

  it('keeps valid UTF-8 Vietnamese text without raw bytes', () => {
    const e = parseSyslog(Buffer.from('<13>Oct  1 01:02:03 h app: Đăng nhập thất bại'), { receivedAt });
    expect(e.raw).toBeNull();
    expect(e.message).toBe('Đăng nhập thất bại');
  });

  it('never throws on empty or binary input', () => {
    for (const input of ['', '<', '<>', '<13', '<13>1 ', '\0\0\0', '1 ', '<13>1']) {
      expect(() => parse(input)).not.toThrow();
    }
    expect(() => parseSyslog(Buffer.from([0xff, 0xfe, 0x00, 0x3c]), { receivedAt })).not.toThrow();
  });
});

describe('malformed headers (the hand-written scanner; parse-differential.test.ts holds it to the old regexes)', () => {
  it('reads a truncated or oversized PRI as text, and refuses <999> as raw', () => {
    for (const text of ['<13', '<13x>Oct  1 01:02:03 h a: m', '<1234>x']) {
      expect(parse(text)).toMatchObject({
        format: 'rfc3164',
        facility: null,
        message: text,
        parseError: null,
      });
      expect(parse(text).fields).toMatchObject({ 'syslog.no_pri': true, 'syslog.no_timestamp': true });
    }
    expect(parse('<999>x')).toMatchObject({ format: 'raw', message: '<999>x', parseError: 'PRI above 191' });
  });

  it('keeps the version of `1 ` + BSD stamp and reads a missing host as none', () => {
    const e = parse('<13>1 Oct  1 01:02:03 h a[1]: m');
    expect(e).toMatchObject({ format: 'rfc3164', host: 'h', app: 'a', message: 'm' });
    expect(e.fields).toEqual({ 'syslog.year_guessed': true, 'syslog.procid': '1', 'syslog.version': 1 });
    expect(parse('<13>Oct  1 01:02:03 sshd[1]: hi')).toMatchObject({
      host: null,
      app: 'sshd',
      message: 'hi',
    });
    expect(parse('<13>Oct  1 01:02:03 : x')).toMatchObject({ host: null, app: null, message: ': x' });
  });

  it('drops a BOM before the PRI and before an RFC 5424 message', () => {
    const e = parse('\uFEFF<13>1 2026-03-15T10:00:00Z h a - - - \uFEFFm');
    expect(e).toMatchObject({ format: 'rfc5424', facility: 1, severity: 5, message: 'm', parseError: null });
  });

  it('keeps invalid UTF-8 as raw bytes and a 64 KiB message whole', () => {
    const bytes = Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xc3, 0x28]); // `<13>` + a cut two-byte sequence
    const bad = parseSyslog(bytes, { receivedAt });
    expect(bad.raw).toEqual(bytes);
    expect(bad.fields).toMatchObject({ encoding: 'invalid-utf8', 'syslog.no_timestamp': true });
    const big = parseSyslog(Buffer.from(`<13>Oct  1 01:02:03 h app: ${'y'.repeat(65536)}`), { receivedAt });
    expect(big).toMatchObject({ app: 'app', host: 'h', parseError: null });
    expect(big.message).toHaveLength(65536);
  });
});

describe('raw bytes and frame views', () => {
  it('keeps a copy of the raw bytes, not the frame (a view of the received chunk that is reused)', () => {
    const chunk = Buffer.concat([Buffer.from('<13>Oct  1 01:02:03 h app: x'), Buffer.from([0xc3, 0x28])]);
    const event = parseSyslog(chunk.subarray(0, chunk.length), { receivedAt: new Date() });
    chunk.fill(0);
    expect(Array.from(event.raw!.subarray(-2))).toEqual([0xc3, 0x28]);
  });
});
