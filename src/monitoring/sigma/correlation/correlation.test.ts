import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector, type Detection } from '../detector';
import { ruleSetOf } from '../test-helpers';

const base = (name: string, selection: string) =>
  `title: ${name}\nid: id-${name}\nname: ${name}\nauthor: a\nlogsource: {product: test}\ndetection:\n  s: {${selection}}\n  condition: s\n`;
const corr = (body: string) => `title: corr\nid: corr-1\nauthor: c\nlevel: high\ncorrelation:\n${body}`;

const T0 = Date.UTC(2024, 0, 1);
const sec = (n: number) => T0 + n * 1000;

function run(yaml: string, events: Array<[number, Record<string, unknown>]>, options = {}): Detection[] {
  const detector = createDetector(ruleSetOf(yaml), options);
  const out: Detection[] = [];
  for (const [time, event] of events)
    out.push(...detector.process(event, { hint: { product: 'test' }, time }));
  out.push(...detector.flush());
  return out;
}
const correlations = (d: Detection[]) => d.filter((x) => x.kind === 'correlation');

const failed = base('failed', 'EventID: 4625');
const countRule = `${failed}---\n${corr('  type: event_count\n  rules: [failed]\n  group-by: [User]\n  timespan: 5m\n  condition: {gte: 5}\n')}`;

describe('correlations on generated streams', () => {
  it('event_count: fires once per burst, per group, within a sliding window', () => {
    const stream: Array<[number, Record<string, unknown>]> = [];
    for (let i = 0; i < 12; i++) stream.push([sec(i * 10), { EventID: 4625, User: 'alice' }]); // 12 in 2 min
    for (let i = 0; i < 4; i++) stream.push([sec(i * 10), { EventID: 4625, User: 'bob' }]); // 4: below
    stream.sort((a, b) => a[0] - b[0]);
    const out = correlations(run(countRule, stream));
    expect(out).toHaveLength(2); // alice 5 → fire (consumed), next 5 → fire, 2 left
    expect(
      out.every((c) => c.kind === 'correlation' && c.group.User === 'alice' && c.events.length === 5),
    ).toBe(true);
  });
  it('event_count: a sliding window catches a burst across a fixed-bucket boundary', () => {
    // 5 events spread 4m59s..5m03s: a 5-minute fixed bucket splits them, a sliding window does not
    const stream: Array<[number, Record<string, unknown>]> = [299, 300, 301, 302, 303].map((s) => [
      sec(s),
      { EventID: 4625, User: 'u' },
    ]);
    expect(correlations(run(countRule, stream))).toHaveLength(1);
  });
  it('event_count: events farther apart than the timespan never add up', () => {
    const stream: Array<[number, Record<string, unknown>]> = [0, 100, 200, 300, 400].map((m) => [
      sec(m * 60),
      { EventID: 4625, User: 'u' },
    ]);
    expect(correlations(run(countRule, stream))).toHaveLength(0);
  });
  it('base rules referenced by a correlation are not alerted alone; generate: true keeps them', () => {
    const out = run(countRule, [[sec(0), { EventID: 4625, User: 'u' }]]);
    expect(out).toHaveLength(0);
    const gen = countRule.replace('author: c\n', 'author: c\ngenerate: true\n');
    expect(run(gen, [[sec(0), { EventID: 4625, User: 'u' }]]).filter((d) => d.kind === 'match')).toHaveLength(
      1,
    );
  });
  it('out-of-order events within the lateness allowance count; later ones are dropped', () => {
    const times = [100, 90, 95, 80, 85];
    const stream: Array<[number, Record<string, unknown>]> = times.map((s) => [
      sec(s),
      { EventID: 4625, User: 'u' },
    ]);
    expect(correlations(run(countRule, stream, { latenessMs: 60_000 }))).toHaveLength(1);
    expect(correlations(run(countRule, stream, { latenessMs: 5_000 }))).toHaveLength(0);
  });
  it('value_count: distinct values per group', () => {
    const y = `${failed}---\n${corr('  type: value_count\n  rules: [failed]\n  group-by: [Ip]\n  timespan: 10m\n  condition: {field: User, gte: 3}\n')}`;
    const same = [1, 2, 3, 4].map((s): [number, Record<string, unknown>] => [
      sec(s),
      { EventID: 4625, Ip: '1.1.1.1', User: 'a' },
    ]);
    expect(correlations(run(y, same))).toHaveLength(0);
    const spray = ['a', 'b', 'a', 'c'].map((u, s): [number, Record<string, unknown>] => [
      sec(s),
      { EventID: 4625, Ip: '1.1.1.1', User: u },
    ]);
    const out = correlations(run(y, spray));
    expect(out).toHaveLength(1);
    expect(out[0]!.kind === 'correlation' && out[0]!.value).toBe(3);
  });
  it('value_sum and value_avg', () => {
    const web = base('web', 'Kind: http');
    const sum = `${web}---\n${corr('  type: value_sum\n  rules: [web]\n  group-by: [Src]\n  timespan: 1h\n  condition: {field: Bytes, gt: 1000}\n')}`;
    const ev = (s: number, b: number): [number, Record<string, unknown>] => [
      sec(s),
      { Kind: 'http', Src: 'h', Bytes: b },
    ];
    expect(correlations(run(sum, [ev(1, 400), ev(2, 400), ev(3, 100)]))).toHaveLength(0);
    expect(correlations(run(sum, [ev(1, 400), ev(2, 400), ev(3, 300)]))).toHaveLength(1);
    const avg = sum.replace('value_sum', 'value_avg').replace('gt: 1000', 'gt: 500');
    expect(correlations(run(avg, [ev(1, 100), ev(2, 100)]))).toHaveLength(0);
    expect(correlations(run(avg, [ev(1, 100), ev(2, 1000)]))).toHaveLength(1);
  });
  it('value_percentile: a value seen in at most N % of the group window', () => {
    const proc = base('proc', 'Kind: proc');
    const y = `${proc}---\n${corr('  type: value_percentile\n  rules: [proc]\n  group-by: [Host]\n  timespan: 1d\n  condition: {field: Image, lte: 10}\n')}`;
    const stream: Array<[number, Record<string, unknown>]> = [];
    for (let i = 0; i < 30; i++) stream.push([sec(i), { Kind: 'proc', Host: 'h', Image: 'svchost.exe' }]);
    stream.push([sec(40), { Kind: 'proc', Host: 'h', Image: 'evil.exe' }]);
    const out = correlations(run(y, stream));
    expect(out.some((c) => c.kind === 'correlation' && c.events.some((e) => e.Image === 'evil.exe'))).toBe(
      true,
    );
  });
  it('temporal and temporal_ordered, with aliases across field names', () => {
    const rules = `${base('recon', 'Kind: recon')}---\n${base('exfil', 'Kind: exfil')}---\n`;
    const temporal = `${rules}${corr('  type: temporal\n  rules: [recon, exfil]\n  group-by: [host]\n  timespan: 10m\n  aliases:\n    host:\n      recon: Computer\n      exfil: SourceHost\n')}`;
    const exfilFirst: Array<[number, Record<string, unknown>]> = [
      [sec(1), { Kind: 'exfil', SourceHost: 'pc1' }],
      [sec(5), { Kind: 'recon', Computer: 'pc1' }],
    ];
    expect(correlations(run(temporal, exfilFirst))).toHaveLength(1);
    const otherHost: Array<[number, Record<string, unknown>]> = [
      [sec(1), { Kind: 'exfil', SourceHost: 'pc2' }],
      [sec(5), { Kind: 'recon', Computer: 'pc1' }],
    ];
    expect(correlations(run(temporal, otherHost))).toHaveLength(0);
    const ordered = temporal.replace('type: temporal', 'type: temporal_ordered');
    expect(correlations(run(ordered, exfilFirst))).toHaveLength(0);
    const inOrder: Array<[number, Record<string, unknown>]> = [
      [sec(1), { Kind: 'recon', Computer: 'pc1' }],
      [sec(5), { Kind: 'exfil', SourceHost: 'pc1' }],
    ];
    expect(correlations(run(ordered, inOrder))).toHaveLength(1);
  });
  it('chains a correlation onto a correlation', () => {
    const ok = base('success', 'EventID: 4624');
    const y = `${failed}---\n${ok}---\ntitle: many\nid: many\nname: many_failed\ncorrelation:\n  type: event_count\n  rules: [failed]\n  group-by: [User]\n  timespan: 5m\n  condition: {gte: 3}\n---\n${corr('  type: temporal_ordered\n  rules: [many_failed, success]\n  group-by: [User]\n  timespan: 10m\n')}`;
    const stream: Array<[number, Record<string, unknown>]> = [
      [sec(1), { EventID: 4625, User: 'u' }],
      [sec(2), { EventID: 4625, User: 'u' }],
      [sec(3), { EventID: 4625, User: 'u' }],
      [sec(9), { EventID: 4624, User: 'u' }],
    ];
    const out = correlations(run(y, stream));
    expect(out.map((c) => c.kind === 'correlation' && c.correlation.id)).toEqual(['corr-1']);
  });
  it('lt conditions fire when the window closes', () => {
    const y = `${failed}---\n${corr('  type: event_count\n  rules: [failed]\n  group-by: [User]\n  timespan: 1m\n  condition: {lt: 3}\n')}`;
    const out = correlations(
      run(y, [
        [sec(0), { EventID: 4625, User: 'u' }],
        [sec(1), { EventID: 4625, User: 'u' }],
      ]),
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.kind === 'correlation' && out[0]!.value).toBe(2);
  });
  it('keeps state bounded: least recently seen groups are evicted', () => {
    const detector = createDetector(ruleSetOf(countRule), { maxGroups: 100 });
    for (let i = 0; i < 1000; i++)
      detector.process({ EventID: 4625, User: `u${i}` }, { hint: { product: 'test' }, time: sec(i) });
    expect(detector.correlator.stats.evictedGroups).toBe(900);
  });
  it('refuses unknown references and cycles', () => {
    const unknown = corr(
      '  type: event_count\n  rules: [nothing]\n  group-by: [U]\n  timespan: 5m\n  condition: {gte: 1}\n',
    );
    expect(() => ruleSetOf(unknown)).toThrow(/unknown-rule-reference/);
    const cycle = `title: a\nid: a\nname: a\ncorrelation: {type: event_count, rules: [b], group-by: [U], timespan: 1m, condition: {gte: 1}}\n---\ntitle: b\nid: b\nname: b\ncorrelation: {type: event_count, rules: [a], group-by: [U], timespan: 1m, condition: {gte: 1}}\n`;
    expect(() => ruleSetOf(cycle)).toThrow(/correlation-cycle/);
    expect(() =>
      ruleSetOf(corr('  type: value_count\n  rules: [x]\n  timespan: 5m\n  condition: {gte: 1}\n')),
    ).toThrow();
  });
});

const HAYABUSA = path.resolve(__dirname, '../../../../../shared/fixtures/sigma/hayabusa-rules');
describe.skipIf(!fs.existsSync(HAYABUSA))('Hayabusa v2 correlation rules', () => {
  it('the 4625 password-guessing rule fires on five wrong passwords in five minutes', () => {
    const file = path.join(
      HAYABUSA,
      'hayabusa/builtin/Security/LogonLogoff/Logon/Sec_4625_Med_LogonFail_WrongPW_PW-Guessing_Correlation.yml',
    );
    const set = ruleSetOf(fs.readFileSync(file, 'utf8'));
    const detector = createDetector(set);
    const ev = {
      Channel: 'Security',
      EventID: 4625,
      SubStatus: '0xc000006a',
      TargetUserName: 'Administrator',
      TargetDomainName: '.',
      IpAddress: '192.168.198.149',
      LogonType: 3,
      ProcessName: '-',
      LogonProcessName: 'NtLmSsp',
    };
    const out: Detection[] = [];
    for (let i = 0; i < 5; i++) out.push(...detector.process(ev, { time: sec(i * 30) }));
    expect(out).toHaveLength(1);
    expect(out[0]!.kind === 'correlation' && out[0]!.correlation.author).toBe('Zach Mathis');
  });
});

describe('correlation state across a rule-set rebuild (Correlator.adopt)', () => {
  const unrelated = base('unrelated', 'EventID: 1');
  const feed = (detector: ReturnType<typeof createDetector>, from: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      detector.process({ EventID: 4625, User: 'alice' }, { hint: { product: 'test' }, time: sec(from + i) }),
    ).flat();

  it('keeps the window of an unchanged correlation when another rule joins the set', () => {
    const before = createDetector(ruleSetOf(countRule));
    expect(feed(before, 0, 3)).toEqual([]);
    const after = createDetector(ruleSetOf(`${countRule}---\n${unrelated}`));
    expect(after.correlator.adopt(before.correlator)).toEqual({ kept: 1, reset: 0 });
    expect(correlations(feed(after, 3, 2))).toHaveLength(1);
  });

  it('resets a correlation whose threshold or base rule changed; drops a removed one', () => {
    const before = createDetector(ruleSetOf(countRule));
    feed(before, 0, 3);
    const threshold = createDetector(ruleSetOf(countRule.replace('gte: 5', 'gte: 4')));
    expect(threshold.correlator.adopt(before.correlator)).toEqual({ kept: 0, reset: 1 });
    expect(correlations(feed(threshold, 3, 2))).toEqual([]);
    const baseChanged = createDetector(
      ruleSetOf(countRule.replace('EventID: 4625', 'EventID: [4625, 4771]')),
    );
    expect(baseChanged.correlator.adopt(before.correlator)).toEqual({ kept: 0, reset: 1 });
    const removed = createDetector(ruleSetOf(unrelated));
    expect(removed.correlator.adopt(before.correlator)).toEqual({ kept: 0, reset: 0 });
  });

  it('the same definition with its keys in another order is the same fingerprint', () => {
    const reordered = countRule.replace(
      '  group-by: [User]\n  timespan: 5m\n',
      '  timespan: 5m\n  group-by: [User]\n',
    );
    expect(reordered).not.toBe(countRule);
    const [a] = ruleSetOf(countRule).correlations;
    const [b] = ruleSetOf(reordered).correlations;
    expect(a!.fingerprint).toBe(b!.fingerprint);
  });
});
