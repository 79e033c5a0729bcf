import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCliCaptured } from '../../../test/cli';
import { listRuleFiles } from './rule-files';

/** SigmaHQ regression data read in place from ../shared/fixtures (never copied into the project). */
const SIGMA = path.resolve(__dirname, '../../../../shared/fixtures/sigma/sigmahq');
const present = fs.existsSync(path.join(SIGMA, 'regression_data'));
if (!present)
  process.stderr.write(`conformance: ${SIGMA} is absent; the SigmaHQ regression test is skipped\n`);

type Case = {
  folder: string;
  ruleId: string;
  title: string;
  expected: number | undefined;
  json: string[];
  evtx: string[];
};

function regressionCases(): Case[] {
  const infos = listRuleFiles(path.join(SIGMA, 'regression_data')).filter((f) => f.endsWith('info.yml'));
  return infos.flatMap((info) => {
    const doc = parse(fs.readFileSync(info, 'utf8')) as {
      rule_metadata: Array<{ id: string; title: string }>;
      regression_tests_info?: Array<{ match_count?: number }>;
    };
    const folder = path.dirname(info);
    const json = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(folder, f));
    const evtx = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.evtx'))
      .map((f) => path.join(folder, f));
    const test = doc.regression_tests_info?.[0];
    if (!test || json.length === 0) return []; // the Cisco case has its test block commented out upstream
    const meta = doc.rule_metadata[0]!;
    return [{ folder, ruleId: meta.id, title: meta.title, expected: test.match_count, json, evtx }];
  });
}

function ruleFilesById(): Map<string, string> {
  const map = new Map<string, string>();
  for (const dir of [
    'rules',
    'rules-emerging-threats',
    'rules-threat-hunting',
    'rules-placeholder',
    'rules-compliance',
  ]) {
    for (const file of listRuleFiles(path.join(SIGMA, dir))) {
      const id = /^id:\s*(\S+)/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
      if (id) map.set(id, file);
    }
  }
  return map;
}

describe.skipIf(!present)('SigmaHQ regression data through canh-gac detect', () => {
  it('every regression case produces its expected matches', async () => {
    await expectConformance(regressionCases(), (c) => c.json, 100);
  }, 120_000);
  it('the same cases read from their original .evtx files produce the same matches', async () => {
    await expectConformance(
      regressionCases().filter((c) => c.evtx.length > 0),
      (c) => c.evtx,
      80,
    );
  }, 120_000);
});

async function expectConformance(cases: Case[], inputs: (c: Case) => string[], atLeast: number) {
  {
    const files = ruleFilesById();
    const failures: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const file = files.get(c.ruleId);
      if (!file) {
        failures.push(`${c.title}: rule ${c.ruleId} not found`);
        continue;
      }
      const run = await runCliCaptured('--lang', 'en', 'detect', '--rules', file, ...inputs(c));
      if (!/Rules: 1 rules/.test(run.stderr) || run.code !== 0) {
        failures.push(`${c.title}: exit ${run.code}, ${run.stderr.trim()}`);
        continue;
      }
      const lines = run.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const mine = lines.filter((l) => l.rule_id === c.ruleId);
      for (const line of mine) expect(line.rule_author.length).toBeGreaterThan(0);
      const matches = mine.length;
      if (matches >= (c.expected ?? 1)) passed++;
      else failures.push(`${c.title}: ${matches} matches, expected ${c.expected ?? '≥1'}`);
    }
    process.stderr.write(
      `SigmaHQ regression conformance: ${passed} passed, ${failures.length} failed of ${cases.length}\n`,
    );
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(atLeast);
  }
}
