import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as oldAccess from '../../../bench/baseline/access-logs';
import * as oldKv from '../../../bench/baseline/key-value';
import * as oldSyslog from '../../../bench/baseline/syslog';
import * as oldStamps from '../../../bench/baseline/timestamps';
import { loadCorpus } from '../../../bench/syslog-corpus';
import { mutateBytes, seededRandom } from '../../../test/seeded';
import type { LogEvent } from '../events/model';
import * as access from './access-logs';
import { isJsSpace, isLineTerminator, isWordChar } from './chars';
import * as kv from './key-value';
import * as syslog from './syslog';
import * as stamps from './timestamps';

// The allocation-light parser must give exactly what the regex parser it replaced gave (bench/baseline/,
// a frozen copy): same values, same keys in the same order, the arrival Date itself where it was used.

const ARRIVALS = [
  new Date('2026-12-10T00:00:00Z'),
  new Date('2026-03-15T05:00:00Z'),
  new Date('2027-01-01T00:00:05+07:00'),
  new Date('2026-12-31T23:59:59+07:00'),
];
const OFFSETS = [undefined, 0, -300, 330];

function shape(e: LogEvent) {
  return { keys: Object.keys(e), fields: Object.keys(e.fields), arrivalAsTime: e.time === e.receivedAt };
}

let compared = 0;
function expectSame(bytes: Uint8Array, receivedAt: Date, tz: number | undefined) {
  const options = { receivedAt, tzOffsetMinutes: tz };
  const label = `${JSON.stringify(Buffer.from(bytes).toString('latin1'))} at ${receivedAt.toISOString()} tz ${tz}`;
  const before = oldSyslog.parseSyslog(bytes, options);
  const after = syslog.parseSyslog(bytes, options);
  compared++;
  if (!isDeepStrictEqual(after, before) || !isDeepStrictEqual(shape(after), shape(before))) {
    expect(after, label).toStrictEqual(before);
    expect(shape(after), label).toEqual(shape(before));
  }
  const text = Buffer.from(bytes).toString('utf8');
  const textBefore = oldSyslog.parseSyslogText(text, options);
  const textAfter = syslog.parseSyslogText(text, options);
  if (!isDeepStrictEqual(textAfter, textBefore) || !isDeepStrictEqual(shape(textAfter), shape(textBefore)))
    expect(textAfter, `text ${label}`).toStrictEqual(textBefore);
}

function expectSameParts(line: string, receivedAt: Date) {
  const pairs: [unknown, unknown, string][] = [
    [oldKv.parseKeyValues(line), kv.parseKeyValues(line), 'parseKeyValues'],
    [oldSyslog.parseStructuredData(line), syslog.parseStructuredData(line), 'parseStructuredData'],
    [oldStamps.matchBsdStamp(line, receivedAt, 420), stamps.matchBsdStamp(line, receivedAt, 420), 'bsd'],
    [oldStamps.matchIsoStamp(line, 420), stamps.matchIsoStamp(line, 420), 'iso'],
    [oldAccess.parseAccessLine(line, receivedAt), access.parseAccessLine(line, receivedAt), 'access'],
  ];
  for (const [before, after, what] of pairs) {
    const keys = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v) : v);
    if (!isDeepStrictEqual(after, before) || !isDeepStrictEqual(keys(after), keys(before)))
      expect(after, `${what} ${JSON.stringify(line)}`).toStrictEqual(before);
  }
}

// The inputs of syslog.test.ts, vendors.test.ts and fuzz.test.ts, and malformed headers for the scanner.
const CASES = [
  '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] \uFEFFAn application event log entry',
  '<34>1 2003-08-24T05:14:15.000003-07:00 - su 123 - - hello',
  '<13>1 Oct 11 22:14:15 myhost app[5]: text',
  '<13>1 2003-13-45T99:99:99Z h a - - - m',
  '<13>1 2003-10-11T22:14:15Z h a - - [broken m',
  '<13>1 2003-10-11T22:14:15Z h',
  '<13>1 2003-10-11T22:14:15Z h a - - [x k="never closed',
  '<38>Mar 15 11:59:00 web01 sshd[42]: Accepted password for a from 10.0.0.1 port 22 ssh2',
  '<13>Dec 31 23:59:58 h app: x',
  '<13>Jan  1 00:00:02 h app: x',
  '<13>Oct  1 01:02:03 sshd[1]: hi',
  'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
  '<13>Oct  1 01:02:03 UTC h x: y',
  '<13>Oct  1 01:02:03 h cron[7] job done',
  '<13>2026-03-15T10:00:00.123+07:00 h app: x',
  '<13>just some text',
  '\uFEFF<13>Oct  1 01:02:03 h a: m\r\n\0',
  '<999>Oct  1 01:02:03 h a: m',
  '',
  '<',
  '<>',
  '<13',
  '<13>1 ',
  '\0\0\0',
  '1 ',
  '<13>1',
  '<189>date=2024-05-01 time=10:00:00 devname="FG-HN" devid="FG100" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=10.0.0.5 eventtime=1714532400123456789 msg="a \\"quoted\\" msg"',
  'date=2019-05-15 time=18:03:41 logid="0000000013" type="traffic" subtype="forward" eventtime=1557968619',
  'date=2024-05-01 time=10:00:00 devid=FG1 logid=0100 type=event subtype=system tz="+0000"',
  '<189>58: *Mar  1 00:07:49.255: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)',
  '<164>Jan 01 2024 12:00:00 fw01 : %ASA-4-106023: Deny tcp src outside:203.0.113.5/4444 dst inside:10.0.0.8/445 by access-group "out"',
  '<134>Jan 22 18:34:00 pf filterlog[1]: 5,,,1000,em0,match,block,in,6,0x00,0x00000,64,tcp,6,40,2001:db8::1,2001:db8::2,5555,22,0,S,123,,1024,,',
  '<134>Jan 22 18:34:00 pf filterlog[1]: 5,,,1000',
  '<38>Mar 15 10:00:00 h sshd[1]: Failed password for invalid user admin from 198.51.100.7 port 5022 ssh2',
  '<38>Mar 15 10:00:00 h sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.7  user=root',
  '<165>1 2003-10-11T22:14:15.003Z host app 1 ID [a@1 k="v\\"]" x="y"][b@2] \uFEFFmsg',
  '<190>date=2024-05-01 time=10:00:00 devname="FG" devid="FG1" logid="0000000013" type="traffic" subtype="forward" msg="a b"',
  '<164>Jan 01 2024 12:00:00 fw01 : %ASA-4-106023: Deny tcp src outside:1.2.3.4/1 dst in:5.6.7.8/2',
  '<134>Jan 22 18:34:00 pf filterlog[1]: 5,,,1000,em0,match,block,in,6,0x00,0x00000,64,tcp,6,40,::1,::2,1,2,0,S',
  '<38>Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user  x from 1.2.3.4 port 5 ssh2',
  '<38>Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 rhost=1.2.3.4',
  '1.2.3.4 - - [10/Oct/2024:13:55:36 +0700] "GET /a?b HTTP/1.1" 200 5 "-" "x"',
  // Malformed headers: PRI, version, stamps, host, tag.
  '<1',
  '<1>',
  '<01>x',
  '<0001>x',
  '<191>x',
  '<192>x',
  '<-1>x',
  '<1a>x',
  '<13>>x',
  '<13>1 12:00:00 h',
  '<13>1 1:00 x',
  '<13>1 Oct  1 01:02:03',
  '<13>1 - - - - -',
  '<13>1 - - - - - -',
  '<13>1 -  a  - - m',
  '<13>1 2003-10-11T22:14:15Z h a - - -',
  '<13>1 2003-10-11T22:14:15Z h a - - [a]',
  '<13>1 2003-10-11T22:14:15Z h a - - [a k="\\x\\\\\\]"]x',
  '<13>1 2003-10-11 22:14:15Z h a - - - m',
  '<13>1 2003-00-11T22:14:15Z h a - - - m',
  '<13>1 2003-10-11T22:14:15.1234567890Z h a - - - m',
  '<13>1 2003-10-11T22:14:15+07:0 h a - - - m',
  '<13>1 2003-10-11T22:14:15+0700 h a - - - m',
  '<13>1 2003-10-11T22:14:15.Z h a - - - m',
  '<13>Oct 11 22:14:15.1234567 h a: m',
  '<13>Oct 11 22:14:15. h',
  '<13>Oct 11 22:14:15: h a: m',
  '<13>Oct 11 22:14:15:x h',
  '<13>Oct 11 2024 22:14:15 h a: m',
  '<13>Oct 11 20245 22:14:15 h',
  '<13>Oct 11 2024:22:14:15 h',
  '<13>Oct 111 22:14:15 h',
  '<13>Oct   1 2:14:15 h',
  '<13>Oct 0 22:14:15 h',
  '<13>Oct 32 22:14:15 h',
  '<13>Foo 11 22:14:15 h',
  '<13>oCT 11 24:14:15 h',
  '<13>Oct 11 23:60:15 h',
  '<13>Oct 11 23:59:60 h',
  '<13>Oct 11 23:59:61 h',
  '<13>Oct 11 1:2:3 h',
  '<13>Oct 11 22:14:15 ICT h a: m',
  '<13>Oct 11 22:14:15 ict: h',
  '<13>Oct 11 22:14:15 +07:00 h',
  '<13>Oct 11 22:14:15 -0330: h',
  '<13>Oct 11 22:14:15 +99:99 h',
  '<13>Oct 11 22:14:15 Z',
  '<13>Oct 11 22:14:15 web: x',
  '<13>Oct 11 22:14:15 LabSZ sshd: x',
  '<13>Oct 11 22:14:15 abcd: x',
  '<13>Oct 11 22:14:15',
  '<13>Oct 11 22:14:15 ',
  '<13>*Oct 11 22:14:15 h a: m',
  '<13>.Oct 11 22:14:15 h a: m',
  '<13>**Oct 11 22:14:15 h',
  '<13>Oct\t11 22:14:15 h',
  '<13>Oct 11 22:14:15 h\tapp: m',
  '<13>Oct 11 22:14:15 h  : app: m',
  '<13>Oct 11 22:14:15 h : : m',
  '<13>Oct 11 22:14:15 x=1 app: m',
  '<13>Oct 11 22:14:15 %h app: m',
  '<13>Oct 11 22:14:15 h[1] x',
  '<13>Oct 11 22:14:15 h: x',
  '<13>Oct 11 22:14:15 h app(mod)[1]: m',
  '<13>Oct 11 22:14:15 h app(mod): m',
  '<13>Oct 11 22:14:15 h app(mod) x',
  '<13>Oct 11 22:14:15 h a(b)c: m',
  '<13>Oct 11 22:14:15 h a(b)(c)[1]: m',
  '<13>Oct 11 22:14:15 h a()[1]: m',
  '<13>Oct 11 22:14:15 h app[]: m',
  '<13>Oct 11 22:14:15 h app[] m',
  '<13>Oct 11 22:14:15 h app[1]:',
  '<13>Oct 11 22:14:15 h app:',
  '<13>Oct 11 22:14:15 h app[1]x: m',
  '<13>Oct 11 22:14:15 h app[1 2]: m',
  '<13>Oct 11 22:14:15 h a[b]c]: m',
  `<13>Oct 11 22:14:15 h ${'a'.repeat(48)}: m`,
  `<13>Oct 11 22:14:15 h ${'a'.repeat(49)}: m`,
  `<13>Oct 11 22:14:15 h ${'a'.repeat(47)}(${'m'.repeat(48)})[${'1'.repeat(128)}]: m`,
  `<13>Oct 11 22:14:15 h app(${'m'.repeat(49)}): m`,
  `<13>Oct 11 22:14:15 h app[${'1'.repeat(129)}]: m`,
  `<13>Oct 11 22:14:15 ${'h'.repeat(300)} app: m`,
  '<13>Oct 11 22:14:15 h %ASA-4-1: x',
  '<13>Oct 11 22:14:15 h\u00a0app: m',
  '<13>0: Oct 11 22:14:15 h a: m',
  '<13>12345678901: x',
  '<13>1234567890: x',
  '<13>12:x',
  '<13>1: ',
  '<13>Oct 11 22:14:15 h sshd[1]: message repeated 3 times: [ Failed password for root from 1.2.3.4 port 22 ssh2]',
  '<13>Oct 11 22:14:15 h sshd[1]: message repeated 3 times: []',
  '<13>Oct 11 22:14:15 h sshd[1]: message repeated 3 times: [ ]',
  '<13>Oct 11 22:14:15 h sshd[1]: message repeated 3 times: [ a\nb]',
  '<13>Oct 11 22:14:15 h sshd[1]: message repeated  times: [x]',
  '<13>Oct 11 22:14:15 h sshd[1]: error: Received disconnect from 1.2.3.4 port 5:11: bye',
  '<13>Oct 11 22:14:15 h sshd[1]: Connection closed by authenticating user root 1.2.3.4 port 5 [preauth]',
  '<13>Oct 11 22:14:15 h sshd[1]: Did not receive identification string from 1.2.3.4',
  '<13>Oct 11 22:14:15 h sshd[1]: reverse mapping checking getaddrinfo for x.y [1.2.3.4] failed - POSSIBLE BREAK-IN ATTEMPT!',
  '<13>Oct 11 22:14:15 h sshd(pam_unix)[1]: session opened for user root by (uid=0)',
  '<13>Oct 11 22:14:15 h su: pam_unix(su:session): session closed for user x',
  '<13>Oct 11 22:14:15 h su: pam_unix(su): check pass; user unknown',
  '<13>Oct 11 22:14:15 h su: pam_(x): y',
  '<13>Oct 11 22:14:15 h su: pam_a(b:c d): y',
  '<13>Oct 11 22:14:15 h x: a=1 b="2 \\" 3" c=\\"x d="un\nterminated a= __proto__=1 constructor=2',
  '<13>Oct 11 22:14:15 h x: k=1 logid=1 devid=2 level=constructor',
  '<13>Oct 11 22:14:15 h x: 1.2.3.4 - - [10/Oct/2024:13:55:36 +0700] "GET / HTTP/1.1" 200 5',
  'x'.repeat(64 * 1024),
  `<13>Oct 11 22:14:15 h app: ${'y'.repeat(64 * 1024)}`,
  `<13>1 2003-10-11T22:14:15Z h a - - [x k="${'v'.repeat(64 * 1024)}"] m`,
];

const ALPHABET = Buffer.from('<>[]()="\\ :-.%+0123456789TZ\n\r\0\t\xff\xfe{}@,|;', 'latin1');
const MUTATION = { alphabet: ALPHABET, alphabetShare: 0.6, maxOps: 6, maxDelete: 8, repeatLength: 12 };
const mutate = (seed: Uint8Array, rand: () => number) => new Uint8Array(mutateBytes(seed, rand, MUTATION));

const corpus = loadCorpus();
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('allocation-light parser = the regex parser it replaced (bench/baseline)', () => {
  it("the scanners' character classes are the regex ones, over every UTF-16 code unit", () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (
        isJsSpace(c) !== /\s/.test(ch) ||
        isLineTerminator(c) !== !/./.test(ch) ||
        isWordChar(c) !== /\w/.test(ch)
      )
        differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it('every hand-written case, malformed header and existing test input, at four arrivals and zones', () => {
    for (const line of CASES) {
      for (const receivedAt of ARRIVALS) for (const tz of OFFSETS) expectSame(bytesOf(line), receivedAt, tz);
      expectSameParts(line, ARRIVALS[0]!);
    }
    // Invalid UTF-8 (Windows-1258 bytes), a lone BOM's bytes, a truncated sequence.
    for (const raw of [
      [0xd0, 0xe3, 0x6e, 0x67],
      [0xef, 0xbb, 0xbf],
      [0xe1, 0xba],
      [0xff, 0xfe, 0x00, 0x3c],
    ]) {
      const bytes = new Uint8Array([...Buffer.from('<13>Oct  1 01:02:03 h app: '), ...raw]);
      for (const receivedAt of ARRIVALS) expectSame(bytes, receivedAt, undefined);
      expectSame(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), ARRIVALS[0]!, 420);
    }
  });

  it.skipIf(Object.keys(corpus).length === 0)(
    'every fixture record (../shared/fixtures/logs; skipped when absent), each format',
    () => {
      for (const records of Object.values(corpus)) {
        for (const bytes of records) {
          expectSame(bytes, ARRIVALS[0]!, undefined);
          expectSame(bytes, ARRIVALS[2]!, 0);
        }
        for (const bytes of records.slice(0, 200))
          expectSameParts(Buffer.from(bytes).toString('latin1'), ARRIVALS[1]!);
      }
      expect(compared).toBeGreaterThan(30_000);
    },
  );

  it('30,000 seeded mutations of the cases and fixture records', () => {
    const rand = seededRandom(20261202);
    const seeds = [
      ...CASES.filter((c) => c.length < 1000).map(bytesOf),
      ...Object.values(corpus).flatMap((r) => r.slice(0, 40)),
    ];
    for (let i = 0; i < 30_000; i++) {
      const input = mutate(seeds[i % seeds.length]!, rand);
      expectSame(input, ARRIVALS[i % ARRIVALS.length]!, OFFSETS[i % OFFSETS.length]);
      if (i % 4 === 0) expectSameParts(Buffer.from(input).toString('latin1'), ARRIVALS[1]!);
    }
  });
});
