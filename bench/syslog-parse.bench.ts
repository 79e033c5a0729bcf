/**
 * Syslog + vendor parsing alone (issue 5, ingest speed): `parseSyslog(bytes)` of the live parser against
 * the frozen copy of the previous one (bench/baseline/), in the same process, per record format
 * (bench/syslog-corpus.ts). For each format and implementation: CPU µs per event (process.cpuUsage, best of
 * the interleaved repeats), wall µs, bytes allocated per event (heap growth sampled every 32 events, a
 * separate pass) and minor GCs per 10k events. Ratio = baseline CPU / new CPU (higher is better).
 *
 *   npx tsx bench/syslog-parse.bench.ts [--events=50000] [--repeats=3] [--only=openssh]
 */
import os from 'node:os';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { LogEvent } from '../src/monitoring/events/model';
import { parseSyslog } from '../src/monitoring/ingest/syslog';
import { parseSyslog as baselineParseSyslog } from './baseline/syslog';
import { loadCorpus } from './syslog-corpus';

type Parse = (bytes: Uint8Array, options: { receivedAt: Date }) => LogEvent;
const arg = (name: string, d: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d;
const EVENTS = Number(arg('events', '50000'));
const REPEATS = Number(arg('repeats', '3'));
const ONLY = arg('only', '');

const gcs: number[] = [];
new PerformanceObserver((list) => {
  // kind 1 = minor (scavenge): the young-generation collections that allocation drives.
  for (const e of list.getEntries())
    if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 1) gcs.push(e.startTime);
}).observe({ entryTypes: ['gc'] });

let sink = 0; // keeps the results alive so the work is not optimised away
const receivedAt = new Date('2026-12-10T00:00:00Z');

function cpuRun(parse: Parse, records: Uint8Array[]) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) sink += parse(records[i % records.length]!, { receivedAt }).message.length;
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / EVENTS, wallUs: ((t1 - t0) * 1000) / EVENTS, t0, t1 };
}

/** Bytes allocated per event: the sum of heap growth between samples (a GC in between loses ≤ 32 events). */
function allocRun(parse: Parse, records: Uint8Array[]): number {
  const n = Math.min(EVENTS, 20_000);
  let last = v8.getHeapStatistics().used_heap_size;
  let grown = 0;
  for (let i = 0; i < n; i++) {
    sink += parse(records[i % records.length]!, { receivedAt }).message.length;
    if ((i & 31) === 31) {
      const now = v8.getHeapStatistics().used_heap_size;
      if (now > last) grown += now - last;
      last = now;
    }
  }
  return grown / n;
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const corpus = loadCorpus();
  const names = Object.keys(corpus).filter((n) => n.includes(ONLY));
  if (names.length === 0) {
    console.log('no records: ../shared/fixtures/logs is absent (or --only matched nothing)');
    return;
  }
  console.log(`node ${process.version}, ${os.cpus().length} cpus, load average ${load()}`);
  console.log(`${EVENTS} events per run, best of ${REPEATS} interleaved runs\n`);
  const impls: [string, Parse][] = [
    ['baseline', baselineParseSyslog],
    ['new', parseSyslog],
  ];
  const rows: string[][] = [];
  let totalBase = 0;
  let totalNew = 0;
  for (const name of names) {
    const records = corpus[name]!;
    const best: Record<string, { cpuUs: number; wallUs: number; gcPer10k: number; bytes: number }> = {};
    for (const [label, parse] of impls) {
      cpuRun(parse, records.slice(0, 2000)); // warm-up
      best[label] = { cpuUs: Infinity, wallUs: Infinity, gcPer10k: 0, bytes: allocRun(parse, records) };
    }
    for (let r = 0; r < REPEATS; r++) {
      const order = r % 2 ? [...impls].reverse() : impls;
      for (const [label, parse] of order) {
        const run = cpuRun(parse, records);
        await new Promise((resolve) => setTimeout(resolve, 20)); // let the GC entries arrive
        const b = best[label]!;
        if (run.cpuUs < b.cpuUs) {
          b.cpuUs = run.cpuUs;
          b.wallUs = run.wallUs;
          b.gcPer10k = (gcs.filter((t) => t >= run.t0 && t <= run.t1).length * 10_000) / EVENTS;
        }
      }
    }
    const base = best.baseline!;
    const next = best.new!;
    totalBase += base.cpuUs;
    totalNew += next.cpuUs;
    rows.push([
      name,
      String(records.length),
      base.cpuUs.toFixed(2),
      next.cpuUs.toFixed(2),
      `${(base.cpuUs / next.cpuUs).toFixed(2)}x`,
      base.wallUs.toFixed(2),
      next.wallUs.toFixed(2),
      base.bytes.toFixed(0),
      next.bytes.toFixed(0),
      base.gcPer10k.toFixed(1),
      next.gcPer10k.toFixed(1),
    ]);
  }
  const head = [
    'format',
    'records',
    'base µs CPU',
    'new µs CPU',
    'ratio',
    'base µs wall',
    'new µs wall',
    'base B/ev',
    'new B/ev',
    'base GC/10k',
    'new GC/10k',
  ];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    `\nmean over formats: baseline ${(totalBase / names.length).toFixed(2)} µs, new ${(totalNew / names.length).toFixed(2)} µs (${(totalBase / totalNew).toFixed(2)}x); load average ${load()}; sink ${sink % 10}`,
  );
}

await main();
