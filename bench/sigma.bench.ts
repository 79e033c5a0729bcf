/**
 * Sigma engine throughput on one core: every SigmaHQ Windows, Linux, web and network rule that compiles,
 * on an event mix built from the fixtures (SigmaHQ regression events + Chainsaw's Security sample: Windows;
 * loghub Linux_2k and OpenSSH_2k: Linux syslog; a few synthetic web access records), multiplied.
 * Baseline in the same run: the same rules without the Channel/EventID index (each rule checks its own
 * logsource on every event), on a slice of the stream.
 *
 *   npx tsx bench/sigma.bench.ts [--events=100000] [--naive-events=5000]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  FIXTURES as FIX,
  type MixItem,
  mix,
  syslogEvents,
  webEvents,
  windowsEvents,
} from '../src/monitoring/detect/fixture-mix';
import { loadRulePaths } from '../src/monitoring/detect/rule-files';
import { compileRuleSet, type RuleSet } from '../src/monitoring/sigma';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TOTAL = arg('events', 100_000);
const NAIVE = arg('naive-events', 5_000);

type Item = MixItem;

/**
 * Events per second of CPU time (user + system of this process): the machine is shared, so wall-clock time
 * measures the neighbours too; CPU time of the single JS thread is what "per core" means. Wall time beside it.
 */
function measure(
  set: RuleSet,
  items: Item[],
): { eps: number; wallEps: number; matches: number; seconds: number; keys: string[] } {
  let matches = 0;
  const keys: string[] = [];
  for (const it of items.slice(0, 2000)) set.match(it.event, undefined, it.hint); // warm up the JIT
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const [i, it] of items.entries()) {
    const hits = set.match(it.event, undefined, it.hint);
    matches += hits.length;
    if (i < 20_000)
      keys.push(
        hits
          .map((h) => h.id)
          .sort()
          .join(','),
      );
  }
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  const wall = (performance.now() - start) / 1000;
  return { eps: items.length / seconds, wallEps: items.length / wall, matches, seconds, keys };
}

const t0 = performance.now();
const dirs = ['windows', 'linux', 'web', 'network'].map((d) => path.join(FIX, 'sigma/sigmahq/rules', d));
const loaded = loadRulePaths(dirs);
const t1 = performance.now();
const indexed = compileRuleSet(loaded.documents);
const t2 = performance.now();
const naive = compileRuleSet(loaded.documents, { noIndex: true });
const [win, sys, web] = [await windowsEvents(), syslogEvents(), webEvents()];
const items = mix(win, sys, web, TOTAL);
const fast = measure(indexed, items);
const slow = measure(naive, items.slice(0, NAIVE));
const winOnly = measure(indexed, items.filter((i) => !i.hint).slice(0, TOTAL / 2));
console.log(
  `rules: ${loaded.files} files, ${indexed.rules.length} compiled, ${loaded.rejected.length + indexed.rejected.length} rejected`,
);
console.log(
  `load ${(t1 - t0).toFixed(0)} ms, compile ${(t2 - t1).toFixed(0)} ms (${(((t2 - t1) * 1000) / indexed.rules.length).toFixed(0)} µs/rule)`,
);
console.log(
  `event mix: ${items.length} events from ${win.length} Windows, ${sys.length} syslog, ${web.length} web records`,
);
console.log(
  `indexed: ${fast.eps.toFixed(0)} events/s CPU (${((1e6 * fast.seconds) / items.length).toFixed(1)} µs/event; wall ${fast.wallEps.toFixed(0)}/s), ${fast.matches} matches`,
);
console.log(`indexed, Windows events only: ${winOnly.eps.toFixed(0)} events/s CPU`);
console.log(
  `naive (no logsource index, no pre-filter), ${Math.min(NAIVE, items.length)} events: ${slow.eps.toFixed(0)} events/s CPU (wall ${slow.wallEps.toFixed(0)}/s)`,
);
const same = slow.keys.every((k, i) => k === fast.keys[i]);
console.log(`same matches as naive on the first ${slow.keys.length} events: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;
console.log(`ratio indexed / naive: ${(fast.eps / slow.eps).toFixed(1)}x`);
