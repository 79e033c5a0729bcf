/**
 * Sigma engine throughput on one core: every SigmaHQ Windows, Linux, web and network rule that compiles,
 * on an event mix built from the fixtures (SigmaHQ regression events + Chainsaw's Security sample: Windows;
 * loghub Linux_2k and OpenSSH_2k: Linux syslog; a few synthetic web access records), multiplied.
 * Baseline in the same run: the same rules without the Channel/EventID index (each rule checks its own
 * logsource on every event), on a slice of the stream.
 *
 * Two mixes: "hot" (50 % Windows regression events, each of which triggers a rule; 40 % syslog; 10 % web)
 * and "realistic" (95 % benign records that match no rule: EVTX Windows records, Linux syslog, IIS lines;
 * 5 % from the hot mix), see fixture-mix.ts. Plus a micro-bench of one hinted sshd syslog event.
 *
 *   npx tsx bench/sigma.bench.ts [--events=100000] [--naive-events=5000]
 */

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  benignWebEvents,
  benignWindowsEvents,
  FIXTURES as FIX,
  type MixItem,
  mix,
  realisticMix,
  syslogEvents,
  webEvents,
  windowsEvents,
} from '../src/monitoring/detect/fixture-mix';
import { loadRulePaths } from '../src/monitoring/detect/rule-files';
import { parseSyslogText } from '../src/monitoring/ingest/syslog';
import { HINTS, sigmaEvent } from '../src/monitoring/rules/stored-event';
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
function syslogLines(): string[] {
  return fs
    .readFileSync(path.join(FIX, 'logs/loghub/OpenSSH/OpenSSH_2k.log'), 'utf8')
    .split('\n')
    .filter(Boolean);
}
const items = mix(win, sys, web, TOTAL);
const fast = measure(indexed, items);
const slow = measure(naive, items.slice(0, NAIVE));
const winOnly = measure(indexed, items.filter((i) => !i.hint).slice(0, TOTAL / 2));
// Benign = matches no rule (two EVTX-ATTACK-SAMPLES records do: MSSQL failed logons, a log clear).
const quiet = (list: Item[]) => list.filter((it) => indexed.match(it.event, undefined, it.hint).length === 0);
const benign = { win: quiet(await benignWindowsEvents()), sys: quiet(sys), web: quiet(benignWebEvents()) };
const real = measure(indexed, realisticMix(items, benign, TOTAL));
// The live path of an OpenSSH line: parsed by the ingest, stored fields + message, hinted linux/sshd.
const sshd = syslogLines()
  .map((l) => parseSyslogText(`<38>${l}`, { receivedAt: new Date(0) }))
  .filter((e) => e.format === 'sshd')
  .map((e) => ({
    event: sigmaEvent({ ...e, id: '0', unitId: 'u', sourceId: null, senderIp: null }),
    hint: HINTS.sshd,
  }));
const sshdItems = Array.from({ length: TOTAL }, (_, i) => sshd[i % sshd.length]!);
const sshdRun = measure(indexed, sshdItems);
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
  `realistic mix (95 % benign: ${benign.win.length} EVTX records, ${benign.sys.length} syslog, ${benign.web.length} IIS; 5 % hot): ${real.eps.toFixed(0)} events/s CPU (${((1e6 * real.seconds) / TOTAL).toFixed(1)} µs/event; wall ${real.wallEps.toFixed(0)}/s), ${real.matches} matches`,
);
console.log(
  `syslog sshd event, all rules loaded (${sshd.length} parsed OpenSSH lines, hint linux/sshd): ${((1e6 * sshdRun.seconds) / TOTAL).toFixed(2)} µs/event, ${sshdRun.matches} matches`,
);
console.log(
  `naive (no logsource index, no pre-filter), ${Math.min(NAIVE, items.length)} events: ${slow.eps.toFixed(0)} events/s CPU (wall ${slow.wallEps.toFixed(0)}/s)`,
);
const same = slow.keys.every((k, i) => k === fast.keys[i]);
console.log(`same matches as naive on the first ${slow.keys.length} events: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;
console.log(`ratio indexed / naive: ${(fast.eps / slow.eps).toFixed(1)}x`);
