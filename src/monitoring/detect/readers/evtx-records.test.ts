import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../../../test/cli';
import { parseEvtx } from '../../evtx';

/** Real EVTX samples read in place from ../shared/fixtures (never copied into the project). */
const SAMPLE = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/logs/evtx-attack-samples/Credential Access/kerberos_pwd_spray_4771.evtx',
);
const present = fs.existsSync(SAMPLE);
if (!present) process.stderr.write(`evtx reader: ${SAMPLE} is absent; the EVTX detect tests are skipped\n`);

const RULE = `title: Kerberos pre-authentication failed
id: 6c1f3f38-7d0a-4e1b-9b7e-2f6a0c4d9e11
status: test
author: Canh Gac test author
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4771
  condition: selection
level: medium
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-evtx-detect-'));
const ruleFile = path.join(dir, 'rule.yml');
fs.writeFileSync(ruleFile, RULE);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe.skipIf(!present)('canh-gac detect on .evtx files', () => {
  it('matches every 4771 record of a real sample, with the rule author on each line', async () => {
    const expected = parseEvtx(fs.readFileSync(SAMPLE)).records.filter((r) =>
      JSON.stringify(r.event).includes('4771'),
    ).length;
    const run = await runCliCaptured('--lang', 'en', 'detect', '--rules', ruleFile, SAMPLE);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBe(expected);
    for (const l of lines) {
      expect(l.rule_author).toBe('Canh Gac test author');
      expect(l.event.Event.System.Channel).toBe('Security');
    }
  });

  it('a file cut short prints the matches it could read, then a clear error and a failing exit code', async () => {
    const bytes = fs.readFileSync(SAMPLE);
    const cut = path.join(dir, 'cut.evtx');
    fs.writeFileSync(cut, bytes.subarray(0, 4096 + 1024)); // inside the first chunk
    const run = await runCliCaptured('--lang', 'en', 'detect', '--rules', ruleFile, cut);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Damaged or truncated EVTX file.*cut\.evtx/);
    const full = jsonLines((await runCliCaptured('detect', '--rules', ruleFile, SAMPLE)).stdout);
    expect(jsonLines(run.stdout).length).toBeLessThan(full.length);
  });
});

describe('canh-gac detect on a file that only claims to be EVTX', () => {
  it('reports the missing header instead of crashing', async () => {
    const fake = path.join(dir, 'fake.evtx');
    fs.writeFileSync(fake, 'ElfFile\0 not really');
    const run = await runCliCaptured('--lang', 'vi', 'detect', '--rules', ruleFile, fake);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Tệp EVTX hỏng.*not an EVTX file/);
    expect(run.stdout).toBe('');
  });
});
