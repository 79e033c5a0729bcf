/**
 * Sigma engine throughput on one core: every SigmaHQ Windows, Linux, web and network rule that compiles,
 * on an event mix built from the fixtures (SigmaHQ regression events + Chainsaw's Security sample: Windows;
 * loghub Linux_2k and OpenSSH_2k: Linux syslog; a few synthetic web access records), multiplied.
 * Baseline in the same run: the same rules without the Channel/EventID index (each rule checks its own
 * logsource on every event), on a slice of the stream.
 *
 *   npx tsx bench/sigma.bench.ts [--events=100000] [--naive-events=5000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readJsonValues } from '../src/monitoring/detect/readers/json-events';
import { loadRulePaths } from '../src/monitoring/detect/rule-files';
import { compileRuleSet, type LogsourceHint, type RuleSet, type SigmaEvent } from '../src/monitoring/sigma';

const FIX = path.resolve(import.meta.dirname, '../../shared/fixtures');
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TOTAL = arg('events', 100_000);
const NAIVE = arg('naive-events', 5_000);

type Item = { event: SigmaEvent; hint?: LogsourceHint };

async function windowsEvents(): Promise<Item[]> {
  const files = [
    ...walk(path.join(FIX, 'sigma/sigmahq/regression_data')).filter((f) => f.endsWith('.json')),
    ...walk(path.join(FIX, 'logs/chainsaw/tests/evtx')).filter((f) => f.endsWith('jsonl_simple_string.txt')),
  ];
  const out: Item[] = [];
  for (const file of files) for await (const e of readJsonValues(file)) out.push({ event: e.event });
  return out;
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function syslogEvents(): Item[] {
  const lines = (file: string) =>
    fs
      .readFileSync(path.join(FIX, 'logs/loghub', file), 'utf8')
      .split('\n')
      .filter(Boolean);
  return [
    ...lines('Linux/Linux_2k.log').map((message) => ({ event: { message }, hint: { product: 'linux' } })),
    ...lines('OpenSSH/OpenSSH_2k.log').map((message) => ({
      event: { message },
      hint: { product: 'linux', service: 'sshd' },
    })),
  ];
}

/** Synthetic web access records with the W3C field names the web rules use (no web log in the fixtures). */
function webEvents(): Item[] {
  const uris = [
    '/index.php?id=1',
    '/news/2024/01/a.html',
    '/search?q=%27%20OR%201=1--',
    '/static/app.js',
    '/../../etc/passwd',
    '/login',
  ];
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'curl/8.0', 'sqlmap/1.7'];
  return uris.flatMap((uri, i) =>
    agents.map((ua, j) => ({
      event: {
        'cs-method': 'GET',
        'cs-uri-stem': uri.split('?')[0],
        'cs-uri-query': uri.split('?')[1] ?? '',
        'c-uri': uri,
        'sc-status': 200 + ((i + j) % 3) * 100,
        'cs-user-agent': ua,
        'c-ip': `198.18.0.${i + j}`,
      },
      hint: { category: 'webserver', product: 'apache' },
    })),
  );
}

/** 50 % Windows, 40 % Linux syslog, 10 % web, interleaved. */
function mix(win: Item[], sys: Item[], web: Item[], total: number): Item[] {
  const out: Item[] = [];
  for (let i = 0; out.length < total; i++) {
    out.push(win[i % win.length]!, win[(i * 7 + 3) % win.length]!);
    out.push(sys[(i * 2) % sys.length]!);
    if (i % 2 === 0) out.push(sys[(i * 2 + 1) % sys.length]!);
    else out.push(web[i % web.length]!);
    if (out.length % 5 === 0 && i % 2 === 1) out.push(win[(i * 13) % win.length]!);
  }
  return out.slice(0, total);
}

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
