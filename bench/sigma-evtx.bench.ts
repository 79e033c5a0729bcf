/**
 * `canh-gac detect` on the EVTX fixtures (every .evtx under ../shared/fixtures: EVTX-ATTACK-SAMPLES,
 * SigmaHQ regression, Chainsaw) against Debian's `evtxexport` (libevtx-utils) parsing the same files in
 * the same run. Ours: parse + every SigmaHQ Windows rule, in-process (the `hunt` the CLI calls), CPU time.
 * evtxexport: parse + print XML-ish text to /dev/null, user + system CPU of the child (bash `times`).
 *
 *   npx tsx bench/sigma-evtx.bench.ts [--rounds=2]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../src/monitoring/detect/fixture-mix';
import { hunt } from '../src/monitoring/detect/hunt';
import { loadRulePaths } from '../src/monitoring/detect/rule-files';
import { compileRuleSet } from '../src/monitoring/sigma';

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 2);
const evtx = walk(FIXTURES).filter((f) => f.endsWith('.evtx'));
const bytes = evtx.reduce((n, f) => n + fs.statSync(f).size, 0);

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const ruleSet = compileRuleSet(loadRulePaths([path.join(FIXTURES, 'sigma/sigmahq/rules/windows')]).documents);
let best = Number.POSITIVE_INFINITY;
let events = 0;
let matches = 0;
for (let r = 0; r < rounds; r++) {
  const cpu = process.cpuUsage();
  events = 0;
  matches = 0;
  // One file at a time: a damaged file (some fixtures are cut on purpose) stops only its own reading.
  for (const file of evtx) {
    const summary = await hunt(ruleSet, [file], () => {}).catch(() => undefined);
    events += summary?.events ?? 0;
    matches += summary?.matches ?? 0;
  }
  const used = process.cpuUsage(cpu);
  best = Math.min(best, (used.user + used.system) / 1e6);
}
let theirs = Number.POSITIVE_INFINITY;
for (let r = 0; r < rounds; r++) {
  const script = `for f in "$@"; do evtxexport "$f" >/dev/null 2>&1; done; times`;
  const out = execFileSync('bash', ['-c', script, 'bench', ...evtx], { encoding: 'utf8' });
  // `times` prints the shell's, then its children's user/system: "0m0.01s 0m0.00s\n0m1.23s 0m0.40s"
  const child = out.trim().split('\n')[1]!.split(/\s+/).map(seconds);
  theirs = Math.min(theirs, child[0]! + child[1]!);
}
console.log(
  `${evtx.length} EVTX files, ${(bytes / 1e6).toFixed(1)} MB, ${events} records, ${matches} matches`,
);
console.log(`rules: ${ruleSet.rules.length} SigmaHQ Windows rules compiled`);
console.log(
  `canh-gac detect (parse + rules): ${best.toFixed(2)} s CPU, ${(events / best).toFixed(0)} records/s`,
);
console.log(
  `evtxexport (parse + print): ${theirs.toFixed(2)} s CPU, ${(events / theirs).toFixed(0)} records/s`,
);
console.log(`ratio canh-gac / evtxexport (records/s): ${(theirs / best).toFixed(2)}x`);

function seconds(text: string): number {
  const m = /(\d+)m([\d.]+)s/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}
