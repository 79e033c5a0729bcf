/**
 * Matcher throughput (VULNS.md §5): the seven MSRC CVRF months in ../shared/fixtures (2023-May, 2024-Jan…Jun)
 * against a synthetic inventory of 1k, 10k and 100k hosts, plus a same-run baseline that compares every
 * host with every remediation row (1k hosts), so the index's speed-up is measured, not claimed.
 *
 *   npx tsx bench/match.bench.ts [--sizes=1000,10000,100000] [--reps=3]
 *
 * No network, no database; every loop is bounded. Verdicts are consumed host by host (as a writer would
 * stream them) instead of being kept, so 100k hosts fit in memory.
 * The Click-to-Run table is SYNTHETIC (builds 90000+): it exercises the code path and is not real data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { C2rBuild } from '../src/vulns/match/c2r-builds';
import { buildMatchIndex, type MatchIndex } from '../src/vulns/match/index';
import { matchHost } from '../src/vulns/match/match';
import { normalizeProductName } from '../src/vulns/match/product-key';
import { windowsProductName } from '../src/vulns/match/windows';
import type { HostFacts, ParsedFeed } from '../src/vulns/model';
import { parseWindowsBuild } from '../src/vulns/versions';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIR = path.join(ROOT, '..', 'shared', 'fixtures', 'advisories', 'p0w3rsh3ll-msrc-data');
const FILES = [
  'cvrfDocument-2023-May.xml',
  ...['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'].map((month) => `2024/cvrfDocument-2024-${month}.xml`),
];

const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]),
);
const SIZES = (args.get('sizes') ?? '1000,10000,100000').split(',').map(Number);
const REPS = Number(args.get('reps') ?? 3);

type Parser = (input: Buffer, file: string, options: { onInvalidCveId: () => void }) => ParsedFeed;

async function loadParser(): Promise<Parser | undefined> {
  try {
    const module = (await import('../src/vulns/feeds/msrc-cvrf')) as { parseMsrcCvrf?: Parser };
    return module.parseMsrcCvrf;
  } catch {
    return undefined;
  }
}

/** Deterministic PRNG (mulberry32), so runs are comparable. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const OS_MIX: { build: number; type: string; weight: number }[] = [
  { build: 19044, type: 'Client', weight: 12 },
  { build: 19045, type: 'Client', weight: 28 },
  { build: 22621, type: 'Client', weight: 20 },
  { build: 22631, type: 'Client', weight: 15 },
  { build: 14393, type: 'Server', weight: 8 },
  { build: 17763, type: 'Server', weight: 8 },
  { build: 20348, type: 'Server', weight: 6 },
  { build: 20348, type: 'Server Core', weight: 3 },
];
const C2R_CHANNELS = ['Current', 'MonthlyEnterprise', 'SemiAnnual'];

const SYNTHETIC_C2R: C2rBuild[] = [
  '2024-01-09',
  '2024-02-13',
  '2024-03-12',
  '2024-04-09',
  '2024-05-14',
  '2024-06-11',
].flatMap((releasedAt, month) =>
  (['current', 'monthly-enterprise', 'semi-annual'] as const).map((channel) => ({
    channel,
    version: `synthetic-${month}`,
    build: `${90_000 + month * 10}.${20_000 + month}`,
    releasedAt,
  })),
);

/** The fixed UBRs the index holds per base build: synthetic hosts sit around them. */
function fixedUbrs(index: MatchIndex, build: number, type: string): number[] {
  const name = windowsProductName({ build, installationType: type, architecture: 'x64' });
  if ('reason' in name) return [0];
  const line = index.products.get(normalizeProductName(name.name))?.byBase.get(build);
  const ubrs = [...new Set(line?.regular.map((entry) => entry.threshold) ?? [])];
  return ubrs.length > 0 ? ubrs : [0];
}

function makeHosts(index: MatchIndex, count: number): HostFacts[] {
  const random = prng(count);
  const total = OS_MIX.reduce((sum, os) => sum + os.weight, 0);
  const ubrCache = new Map(
    OS_MIX.map((os) => [`${os.build}|${os.type}`, fixedUbrs(index, os.build, os.type)]),
  );
  const hosts: HostFacts[] = [];
  for (let i = 0; i < count; i++) {
    const pick = random() * total;
    let cumulative = 0;
    const os =
      OS_MIX.find((candidate) => {
        cumulative += candidate.weight;
        return pick < cumulative;
      }) ?? (OS_MIX[0] as (typeof OS_MIX)[number]);
    const ubrs = ubrCache.get(`${os.build}|${os.type}`) ?? [0];
    const around = ubrs[Math.floor(random() * ubrs.length)] ?? 0;
    const ubr = random() < 0.05 ? undefined : Math.max(0, around + Math.floor(random() * 21) - 10);
    const host: HostFacts = {
      hostId: `host-${i}`,
      os: {
        build: os.build,
        ubr,
        architecture: 'x64',
        installationType: os.type,
        hotpatch: os.build === 20348 && random() < 0.3,
      },
      hotfixes: random() < 0.5 ? ['KB5034441', 'KB5036892'] : [],
      programs: [],
    };
    const office = random();
    if (office < 0.3) {
      const month = Math.floor(random() * 6);
      const channel = C2R_CHANNELS[Math.floor(random() * C2R_CHANNELS.length)];
      host.office = {
        clickToRun: { version: `16.0.${90_000 + month * 10}.${20_000 + month}`, channel, platform: 'x64' },
      };
    } else if (office < 0.4) {
      host.office = {
        msiFiles: { outlook: `16.0.${5400 + Math.floor(random() * 60)}.1000`, word: '16.0.5435.1000' },
      };
    }
    if (os.type !== 'Client' && random() < 0.02) {
      host.exchange = { version: random() < 0.5 ? `15.2.1544.${Math.floor(random() * 12)}` : '15.1.2507.35' };
    }
    hosts.push(host);
  }
  return hosts;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function matchAll(index: MatchIndex, hosts: HostFacts[]): { ms: number; verdicts: number } {
  const start = performance.now();
  let verdicts = 0;
  for (const host of hosts) verdicts += matchHost(index, host).length;
  return { ms: performance.now() - start, verdicts };
}

type NaiveRow = { cve: string; name: string; base: number; ubr: number; at: number };

/** Baseline: every host against every flattened remediation row, newest document per CVE, min per CVE. */
function naiveMatch(feeds: ParsedFeed[], hosts: HostFacts[]): { ms: number; verdicts: number; rows: number } {
  const rows: NaiveRow[] = [];
  for (const feed of feeds) {
    const names = new Map(feed.products.map((p) => [p.id, normalizeProductName(p.name)]));
    const at = feed.releasedAt?.getTime() ?? 0;
    for (const v of feed.vulnerabilities) {
      for (const r of v.remediations) {
        if (r.kind !== 'vendor_fix' || r.line === 'hotpatch') continue;
        const build = parseWindowsBuild(r.fixedBuild ?? '');
        if (build === undefined) continue;
        for (const id of r.productIds)
          rows.push({ cve: v.cve, name: names.get(id) ?? '', base: build.build, ubr: build.ubr, at });
      }
    }
  }
  const start = performance.now();
  let verdicts = 0;
  for (const host of hosts) {
    const os = host.os;
    if (os === undefined || os.ubr === undefined) continue;
    const product = windowsProductName(os);
    if ('reason' in product) continue;
    const name = normalizeProductName(product.name);
    const best = new Map<string, { ubr: number; at: number }>();
    for (const row of rows) {
      if (row.name !== name || row.base !== os.build) continue;
      const seen = best.get(row.cve);
      if (seen === undefined || row.at > seen.at || (row.at === seen.at && row.ubr < seen.ubr))
        best.set(row.cve, row);
    }
    for (const fix of best.values()) if (os.ubr < fix.ubr) verdicts++;
  }
  return { ms: performance.now() - start, verdicts, rows: rows.length };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const parse = await loadParser();
  if (parse === undefined) {
    console.log('skipped: src/vulns/feeds/msrc-cvrf.ts does not export parseMsrcCvrf yet');
    return;
  }
  if (!FILES.every((file) => fs.existsSync(path.join(DIR, file)))) {
    console.log(`skipped: fixtures missing under ${DIR}`);
    return;
  }
  console.log(
    `node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), reps=${REPS}`,
  );
  let start = performance.now();
  const feeds = FILES.map((file) =>
    parse(fs.readFileSync(path.join(DIR, file)), file, { onInvalidCveId: () => {} }),
  );
  console.log(`parse 7 CVRF XML months: ${fmt(performance.now() - start)} ms (parser, not measured further)`);

  const buildTimes: number[] = [];
  let index = buildMatchIndex(feeds, { c2rTable: SYNTHETIC_C2R });
  for (let rep = 0; rep < REPS; rep++) {
    start = performance.now();
    index = buildMatchIndex(feeds, { c2rTable: SYNTHETIC_C2R });
    buildTimes.push(performance.now() - start);
  }
  const { stats } = index;
  console.log(
    `index: ${stats.documents} documents, ${stats.cves} CVEs, ${stats.products} product keys, ${stats.rows} fix rows; ` +
      `build median ${fmt(median(buildTimes), 1)} ms`,
  );

  const results: { size: number; ms: number; verdicts: number }[] = [];
  for (const size of SIZES) {
    const hosts = makeHosts(index, size);
    // Warm-up (JIT tiers, lazy per-base caches) on a separate inventory, so every size starts equally hot.
    for (let pass = 0; pass < 3; pass++) matchAll(index, makeHosts(index, 2000));
    const runs = Array.from({ length: size >= 100_000 ? 1 : REPS }, () => matchAll(index, hosts));
    results.push({ size, ms: median(runs.map((run) => run.ms)), verdicts: runs[0]?.verdicts ?? 0 });
  }
  const base = results[0];
  console.log('\n| hosts | match ms | hosts/s | verdicts | µs/host | per-host time vs first size |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const perHost = (r.ms * 1000) / r.size;
    const ratio = base === undefined ? 1 : perHost / ((base.ms * 1000) / base.size);
    console.log(
      `| ${fmt(r.size)} | ${fmt(r.ms, 1)} | ${fmt((r.size / r.ms) * 1000)} | ${fmt(r.verdicts)} | ${fmt(perHost, 2)} | ${fmt(ratio, 2)} |`,
    );
  }

  const naiveHosts = makeHosts(index, 1000);
  const windowsOnly = naiveHosts.map((h) => ({ ...h, office: undefined, exchange: undefined }));
  naiveMatch(feeds, naiveHosts.slice(0, 100)); // warm-up
  const naive = naiveMatch(feeds, naiveHosts);
  const indexedWindowsOnly = matchAll(index, windowsOnly);
  console.log(
    `\nbaseline, 1,000 hosts, Windows build rule only: naive every-row loop over ${fmt(naive.rows)} rows ` +
      `${fmt(naive.ms, 1)} ms (${fmt(naive.verdicts)} open) vs indexed ${fmt(indexedWindowsOnly.ms, 1)} ms ` +
      `(${fmt(indexedWindowsOnly.verdicts)} verdicts incl. unknown) → ${fmt(naive.ms / indexedWindowsOnly.ms, 1)}× faster`,
  );
  const tenK = results.find((r) => r.size === 10_000);
  if (tenK !== undefined)
    console.log(`target: 10k hosts < 2,000 ms → ${fmt(tenK.ms, 1)} ms ${tenK.ms < 2000 ? 'PASS' : 'FAIL'}`);
}

await main();
