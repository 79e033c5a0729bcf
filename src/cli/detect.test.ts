import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured as cli } from '../../test/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-detect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

const rules = write(
  'rules.yml',
  `title: Certutil decode
id: 11111111-1111-4111-8111-111111111111
author: Test Author
level: high
logsource: {product: windows, category: process_creation}
detection:
  s: {Image|endswith: '\\certutil.exe', CommandLine|windash|contains: ' -decode '}
  condition: s
---
title: Shell history cleared
id: 22222222-2222-4222-8222-222222222222
author: Other Author
level: medium
logsource: {product: linux}
detection:
  keywords: ['history -c', 'rm ~/.bash_history']
  condition: keywords
---
title: broken
logsource: {product: linux}
detection:
  s: {A|bogus: 1}
  condition: s
`,
);
const sysmon = (cmd: string, time: string) =>
  JSON.stringify({
    Event: {
      System: {
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 1,
        TimeCreated: { '#attributes': { SystemTime: time } },
      },
      EventData: { Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: cmd },
    },
  });
const ndjson = write(
  'events.ndjson',
  `${sysmon('certutil /decode a.b64 a.exe', '2024-05-01T01:02:03Z')}\n${sysmon('certutil -dump', '2024-05-01T01:02:04Z')}\n{broken json\n${sysmon('certutil \u2013decode x y', '2024-05-01T01:02:05Z')}\n`,
);
const syslog = write(
  'auth.log',
  '<38>Jan  1 00:00:00 host bash[1]: history -c\nJan  1 00:00:01 host sshd[2]: Accepted password\n',
);

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('canh-gac detect', () => {
  it('prints one JSON line per match with rule, author, level, time and the event', async () => {
    const run = await cli('--lang', 'en', 'detect', '--rules', rules, ndjson, syslog);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((l) => l.rule_title)).toEqual([
      'Certutil decode',
      'Certutil decode',
      'Shell history cleared',
    ]);
    expect(out[0]).toMatchObject({
      rule_id: '11111111-1111-4111-8111-111111111111',
      rule_author: 'Test Author',
      level: 'high',
      time: '2024-05-01T01:02:03.000Z',
    });
    expect(out[0].event.Event.EventData.CommandLine).toBe('certutil /decode a.b64 a.exe');
    expect(out[2]).toMatchObject({
      rule_author: 'Other Author',
      event: '<38>Jan  1 00:00:00 host bash[1]: history -c',
    });
    expect(run.stderr).toMatch(/Rules: 2 rules.*rejected 1/);
    expect(run.stderr).toMatch(/Events: 5; matches: 3/);
  });
  it('--summary prints counts per rule', async () => {
    const run = await cli('--lang', 'en', 'detect', '--summary', '--rules', rules, ndjson);
    expect(lines(run.stdout)).toEqual([
      {
        rule_id: '11111111-1111-4111-8111-111111111111',
        rule_title: 'Certutil decode',
        rule_author: 'Test Author',
        level: 'high',
        kind: 'match',
        count: 2,
      },
    ]);
  });
  it('--compile-report names the rejected rule and why', async () => {
    const run = await cli('--lang', 'en', 'detect', '--compile-report', '--rules', rules);
    const report = JSON.parse(run.stdout);
    expect(report.compiled.rules).toBe(2);
    expect(report.byReason[0]).toMatchObject({ reason: 'unknown-modifier', count: 1 });
    expect(run.stderr).toMatch(/'bogus'/);
  });
  it('a hint restricts text lines to matching logsources', async () => {
    const run = await cli(
      '--lang',
      'en',
      'detect',
      '--rules',
      rules,
      '--logsource',
      'product=windows',
      syslog,
    );
    expect(lines(run.stdout)).toEqual([]);
  });
  it('reads .evtx with the EVTX reader (a header cut short is a clear error), and refuses missing files', async () => {
    const evtx = write('x.evtx', 'ElfFile\0');
    const run = await cli('--lang', 'en', 'detect', '--rules', rules, evtx);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Damaged or truncated EVTX file.*not an EVTX file/);
    const vi = await cli('detect', '--rules', rules, path.join(dir, 'nope.json'));
    expect(vi.code).toBe(1);
    expect(vi.stderr).toMatch(/Không có tệp/);
  });
});
