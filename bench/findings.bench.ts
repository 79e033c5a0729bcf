/**
 * Findings at scale, on PGlite (a temporary folder, as the server runs it) and, when
 * scripts/pg-test-cluster.sh can start a throwaway server, on PostgreSQL:
 *   1. importing advisories through importFeedFiles: 2024-Apr alone and KEV alone (time, peak RSS), then
 *      the other six MSRC months (2024 Jan–Jun, 2023-May);
 *   2. rematch(ctx) end to end for N synthetic hosts written straight into the inventory tables (first run:
 *      every finding is new; second run: steady state, everything an update; then 100 hosts incrementally);
 *   3. GET /api/findings through the real app (app.inject, admin API token) with ~1M findings stored,
 *      p50/p99 against GET /api/health in the same run, and EXPLAIN ANALYZE of the list and count queries.
 *
 *   npx tsx bench/findings.bench.ts [--no-postgres] [--no-pglite] [--hosts=1000,10000] [--findings=1000000]
 *                                   [--requests=200] [--url-seconds=60] [--programs=30] [--no-explain]
 *
 * Each engine runs in a child process of its own (so peak RSS is per engine). Loopback only; every loop is
 * bounded in count and each latency run also in time (--url-seconds); temp folders and the cluster are
 * removed at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createToken } from '../src/auth/tokens';
import { type Ctx, systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { hostHotfixes, hostSoftware, hosts } from '../src/inventory/schema';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';
import { createUnit } from '../src/units/service';
import { importFeedFiles } from '../src/vulns/feed-import';
import { FindingQuery } from '../src/vulns/findings-contract';
import { COUNT_CAP, findingFilters, findingOrder } from '../src/vulns/findings-list';
import { loadMatchIndex } from '../src/vulns/index-loader';
import type { MatchIndex } from '../src/vulns/match/index';
import { normalizeProductName } from '../src/vulns/match/product-key';
import { windowsProductName } from '../src/vulns/match/windows';
import { rematch } from '../src/vulns/rematch';
import { findings } from '../src/vulns/schema';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const FIXTURES = path.join(ROOT, '..', 'shared', 'fixtures', 'advisories');
const MSRC = path.join(FIXTURES, 'p0w3rsh3ll-msrc-data');
const APRIL = '2024/cvrfDocument-2024-Apr.xml';
const OTHER_MONTHS = [
  'cvrfDocument-2023-May.xml',
  ...['Jan', 'Feb', 'Mar', 'May', 'Jun'].map((m) => `2024/cvrfDocument-2024-${m}.xml`),
];
const JUNE = path.join(MSRC, '2024/cvrfDocument-2024-Jun.xml');
const KEV = path.join(FIXTURES, 'cisagov-kev-data', 'known_exploited_vulnerabilities.json');

const argv = process.argv.slice(2);
function arg(name: string): string | undefined {
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
function intArg(name: string, fallback: number): number {
  const raw = arg(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}
const HOSTS = (arg('hosts') ?? '1000,10000').split(',').map(Number);
if (HOSTS.some((n) => !Number.isInteger(n) || n < 100 || n > 200_000))
  throw new Error('--hosts: integers between 100 and 200000');
const FINDINGS_TARGET = intArg('findings', 1_000_000);
const REQUESTS = intArg('requests', 200);
const URL_SECONDS = intArg('url-seconds', 60);
const PROGRAMS = Number(arg('programs') ?? 30);
const WARMUP = 10;
const UNITS = 50;
const INCREMENTAL = 100;
const EXPLAIN = !argv.includes('--no-explain');
const NEW_MONTH = !argv.includes('--no-new-month');
const LISTING = !argv.includes('--no-listing');
/** Profile the steady-state re-match (second run) of each size; prints the top self-time functions. */
const PROFILE = argv.includes('--profile-steady');

// ---------------------------------------------------------------------------------------------------
// Helpers

const now = () => performance.now();
const mib = (bytes: number) => bytes / 1024 / 1024;
const f0 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const f1 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const f2 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
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

/**
 * Peak RSS sampler on a worker thread: it keeps sampling while the main thread is busy in synchronous
 * code (XML parsing), which a setInterval on the main thread would not.
 */
function rssSampler() {
  const shared = new Int32Array(new SharedArrayBuffer(8)); // [0] peak KiB, [1] stop flag
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const a = new Int32Array(workerData);
     const tick = () => {
       const kib = Math.round(process.memoryUsage.rss() / 1024);
       if (kib > Atomics.load(a, 0)) Atomics.store(a, 0, kib);
       if (Atomics.load(a, 1) === 0) setTimeout(tick, 5);
     };
     tick();`,
    { eval: true, workerData: shared.buffer },
  );
  worker.unref();
  return {
    reset() {
      Atomics.store(shared, 0, Math.round(process.memoryUsage.rss() / 1024));
    },
    peakMiB: () => Math.max(Atomics.load(shared, 0) / 1024, mib(process.memoryUsage.rss())),
    async stop() {
      Atomics.store(shared, 1, 1);
      await worker.terminate();
    },
  };
}
const maxRssMiB = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
const gc = () => (globalThis as { gc?: () => void }).gc?.();

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
/** Runs `work` under the V8 CPU profiler and logs the functions with the most self time. */
async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    session.disconnect();
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const byFunction = new Map<string, number>();
    let total = 0;
    for (const node of profile.nodes) {
      const us = self.get(node.id) ?? 0;
      total += us;
      const f = node.callFrame;
      const where = f.url ? `${path.relative(ROOT, f.url.replace('file://', ''))}:${f.lineNumber + 1}` : '';
      const key = `${f.functionName || '(anonymous)'} ${where}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    const top = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
    log(`  profile ${label}: ${f0(total / 1000)} ms sampled`);
    for (const [key, us] of top) log(`    ${f1(us / 1000).padStart(8)} ms  ${key}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Child: one engine

type ImportFigure = {
  label: string;
  ms: number;
  rssBefore: number;
  peak: number;
  maxRss: number;
  note: string;
};
type RematchFigure = {
  hosts: number;
  run: 'first' | 'second' | 'incremental' | 'new-month';
  ms: number;
  phases: { index: number; facts: number; match: number; write: number };
  findings: number;
  rewritten: number;
  /** Distinct verdict sets among the rewritten hosts, and whether the first-load path ran. */
  shapes: number;
  firstLoad: boolean;
  /** First load only: the insert … select and the index rebuild, wall ms. */
  firstLoadSplit?: { insertMs: number; indexMs: number };
  importMs?: number;
  /** CPU time (ms) of this process and of the PostgreSQL backends during the run. */
  cpu: { node: number; server: number };
  closed: number;
  peak: number;
};
type Latency = {
  label: string;
  url: string;
  n: number;
  p50: number;
  /** Mean CPU time per request (ms): this process, and the PostgreSQL backends (0 on PGlite). */
  cpu?: { node: number; server: number };
  p99: number;
  mean: number;
  total: number;
};
type EngineResult = {
  engine: string;
  version: string;
  imports: ImportFigure[];
  indexStats: string;
  seeding: { hosts: number; ms: number; software: number; hotfixes: number }[];
  rematch: RematchFigure[];
  findingsStored: number;
  findingsSeedMs: number;
  statusMix: Record<string, number>;
  unitFilterRows: number;
  latencies: Latency[];
  health: Latency;
  explains: { label: string; plan: string }[];
  finalMaxRss: number;
};

type OsPick = { build: number; type: string; product: string; weight: number };
const OS_MIX: OsPick[] = [
  { build: 19044, type: 'Client', product: 'Windows 10 Enterprise', weight: 12 },
  { build: 19045, type: 'Client', product: 'Windows 10 Pro', weight: 28 },
  { build: 22621, type: 'Client', product: 'Windows 11 Pro', weight: 20 },
  { build: 22631, type: 'Client', product: 'Windows 11 Enterprise', weight: 15 },
  { build: 14393, type: 'Server', product: 'Windows Server 2016 Standard', weight: 8 },
  { build: 17763, type: 'Server', product: 'Windows Server 2019 Standard', weight: 8 },
  { build: 20348, type: 'Server', product: 'Windows Server 2022 Standard', weight: 6 },
  { build: 20348, type: 'Server Core', product: 'Windows Server 2022 Datacenter', weight: 3 },
];
const PROGRAM_NAMES = [
  '7-Zip 23.01 (x64)',
  'Google Chrome',
  'Mozilla Firefox (x64 en-US)',
  'Adobe Acrobat Reader DC',
  'Microsoft Edge',
  'Microsoft Visual C++ 2015-2022 Redistributable (x64)',
  'Microsoft Visual C++ 2015-2022 Redistributable (x86)',
  'Notepad++ (64-bit x64)',
  'VLC media player',
  'Zoom',
  'Java 8 Update 391',
  'UniKey 4.3',
  'Foxit PDF Reader',
  'WinRAR 6.24 (64-bit)',
  'Microsoft Teams',
  'Microsoft OneDrive',
  'Kaspersky Endpoint Security for Windows',
  'BKAV Pro',
  'TeamViewer',
  'UltraViewer',
];

/** The fixed UBRs the index holds per base build: synthetic hosts sit around them (as match.bench.ts). */
function fixedUbrs(index: MatchIndex, build: number, type: string): number[] {
  const name = windowsProductName({ build, installationType: type, architecture: 'x64' });
  if ('reason' in name) return [0];
  const line = index.products.get(normalizeProductName(name.name))?.byBase.get(build);
  const ubrs = [...new Set(line?.regular.map((entry) => entry.threshold) ?? [])];
  return ubrs.length > 0 ? ubrs : [0];
}

async function seedHosts(
  db: Database['db'],
  index: MatchIndex,
  unitIds: string[],
  count: number,
): Promise<{ ms: number; software: number; hotfixes: number; ids: string[] }> {
  const random = prng(count);
  const total = OS_MIX.reduce((s, o) => s + o.weight, 0);
  const ubrCache = new Map(OS_MIX.map((o) => [`${o.build}|${o.type}`, fixedUbrs(index, o.build, o.type)]));
  // Units of very different sizes (a province office and small communes): weight 1/(i+1)^0.8.
  const unitWeights = unitIds.map((_, i) => 1 / (i + 1) ** 0.8);
  const unitTotal = unitWeights.reduce((a, b) => a + b, 0);
  const pickUnit = () => {
    let x = random() * unitTotal;
    for (let i = 0; i < unitIds.length; i++) {
      x -= unitWeights[i]!;
      if (x < 0) return unitIds[i]!;
    }
    return unitIds[unitIds.length - 1]!;
  };
  const started = now();
  const ids: string[] = [];
  let software = 0;
  let hotfixes = 0;
  const at = new Date();
  await db.transaction(async (tx) => {
    for (let start = 0; start < count; start += 1000) {
      const hostRows: (typeof hosts.$inferInsert)[] = [];
      const softRows: (typeof hostSoftware.$inferInsert)[] = [];
      const kbRows: (typeof hostHotfixes.$inferInsert)[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const id = randomUUID();
        ids.push(id);
        const pick = random() * total;
        let cumulative = 0;
        const o =
          OS_MIX.find((c) => {
            cumulative += c.weight;
            return pick < cumulative;
          }) ?? OS_MIX[0]!;
        const ubrs = ubrCache.get(`${o.build}|${o.type}`) ?? [0];
        const around = ubrs[Math.floor(random() * ubrs.length)] ?? 0;
        const ubr = random() < 0.05 ? null : Math.max(0, around + Math.floor(random() * 21) - 10);
        const office = random();
        const exchange = o.type !== 'Client' && random() < 0.02;
        hostRows.push({
          id,
          unitId: pickUnit(),
          machineId: `{${id}}`,
          hostname: `PC-${String(i).padStart(6, '0')}`,
          domain: 'bench.local',
          productName: o.product,
          build: o.build,
          ubr,
          architecture: 'x64',
          installationType: o.type,
          hotpatch: o.build === 20348 && random() < 0.3,
          officeC2rVersion: office < 0.3 ? `16.0.${17_000 + Math.floor(random() * 800)}.20000` : null,
          officeC2rChannel: office < 0.3 ? 'Current' : null,
          officeC2rPlatform: office < 0.3 ? 'x64' : null,
          officeMsiFiles:
            office >= 0.3 && office < 0.4
              ? { outlook: `16.0.${5400 + Math.floor(random() * 60)}.1000`, word: '16.0.5435.1000' }
              : {},
          exchangeVersion: exchange
            ? random() < 0.5
              ? `15.2.1544.${Math.floor(random() * 12)}`
              : '15.1.2507.35'
            : null,
          ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
          source: 'collector',
          lastInventoryAt: at,
        });
        for (let p = 0; p < PROGRAMS; p++) {
          softRows.push({
            hostId: id,
            name: PROGRAM_NAMES[p % PROGRAM_NAMES.length]! + (p >= PROGRAM_NAMES.length ? ` ${p}` : ''),
            version: `${1 + (p % 9)}.${Math.floor(random() * 30)}`,
            publisher: 'Bench',
          });
        }
        if (random() < 0.5) {
          kbRows.push({ hostId: id, kb: 'KB5034441' }, { hostId: id, kb: 'KB5036892' });
        }
      }
      await tx.insert(hosts).values(hostRows);
      for (let s = 0; s < softRows.length; s += 5000)
        await tx.insert(hostSoftware).values(softRows.slice(s, s + 5000));
      if (kbRows.length > 0) await tx.insert(hostHotfixes).values(kbRows);
      software += softRows.length;
      hotfixes += kbRows.length;
    }
  });
  return { ms: now() - started, software, hotfixes, ids };
}

async function timedRematch(
  ctx: Ctx,
  sampler: ReturnType<typeof rssSampler>,
  hostIds?: string[],
): Promise<Omit<RematchFigure, 'hosts' | 'run'>> {
  gc();
  sampler.reset();
  const marks: Record<number, number> = {};
  const pgBefore = await serverCpuMs(ctx);
  const cpuBefore = process.cpuUsage();
  const started = now();
  const result = await rematch(ctx, {
    hostIds,
    progress: async (percent) => {
      marks[percent] = now();
    },
  });
  const end = now();
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpu = (await serverCpuMs(ctx)) - pgBefore;
  const m10 = marks[10] ?? started;
  const m30 = marks[30] ?? m10;
  return {
    ms: end - started,
    // facts = SLA, severities and the host list; match = facts read + match + fingerprints, per step.
    phases: {
      index: m10 - started,
      facts: m30 - m10,
      match: result.timings.match,
      write: result.timings.write,
    },
    findings: result.vulnerable + result.unknown,
    closed: result.closed,
    rewritten: result.rewritten,
    firstLoadSplit: result.timings.firstLoad,
    shapes: result.shapes,
    firstLoad: result.firstLoad,
    cpu: { node: (cpu.user + cpu.system) / 1000, server: pgCpu },
    peak: sampler.peakMiB(),
  };
}

/**
 * CPU time (ms) of this database's PostgreSQL backends, from /proc: on a machine shared with other
 * work, wall time measures the neighbours too; CPU time measures the re-match. 0 on PGlite (its CPU
 * is this process's) and where /proc is not readable.
 */
let measureServerCpu = false;
async function serverCpuMs(ctx: Ctx): Promise<number> {
  if (!measureServerCpu) return 0;
  const rows = (await ctx.db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  )) as unknown as { rows: { pid: number }[] };
  let ticks = 0;
  for (const { pid } of rows.rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // PGlite (no such process) or a backend that just ended.
    }
  }
  return ticks * 10; // USER_HZ = 100 on Linux
}

/** The statements listFindingRows sends (src/vulns/findings-list.ts), for EXPLAIN ANALYZE. */
function listingStatements(db: Database['db'], query: FindingQuery) {
  const where = findingFilters(null, query, new Date());
  const items = db
    .select({ id: findings.id })
    .from(findings)
    .where(where)
    .orderBy(...findingOrder(query.sort))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .toSQL();
  const capped = db
    .select({ one: sql`1` })
    .from(findings)
    .where(where)
    .limit(COUNT_CAP + 1)
    .as('capped');
  const total = db.select({ n: sql`count(*)` }).from(capped).toSQL();
  return { items, total };
}

async function explain(database: Database, statement: { sql: string; params: unknown[] }): Promise<string> {
  const client = (
    database.db as unknown as {
      $client: { query: (t: string, p: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };
    }
  ).$client;
  const result = await client.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
  return result.rows.map((r) => String(r['QUERY PLAN'])).join('\n');
}

async function runEngine(
  engine: 'pglite' | 'postgres',
  tmp: string,
  clusterUrl?: string,
): Promise<EngineResult> {
  const sampler = rssSampler();
  let databaseUrl: string | undefined;
  if (clusterUrl) {
    const admin = new pg.Client({ connectionString: clusterUrl });
    await admin.connect();
    await admin.query('create database canhgac_findings_bench');
    await admin.end();
    const url = new URL(clusterUrl);
    url.pathname = '/canhgac_findings_bench';
    databaseUrl = url.toString();
  }
  const database = await openDatabase({
    databaseUrl,
    pgliteDir: databaseUrl ? undefined : path.join(tmp, 'pglite'),
  });
  const { db } = database;
  measureServerCpu = database.kind === 'postgres' && fs.existsSync('/proc/self/stat');
  try {
    await migrateDatabase(database);
    const version = String(
      ((await db.execute(sql`show server_version`)) as unknown as { rows: { server_version: string }[] })
        .rows[0]?.server_version,
    );
    const quiet = createLogger('silent');
    const sys = systemCtx(db, quiet, 'bench');
    await bootstrapFirstAdmin(sys, 'Bench-admin-password-1');
    const root = (await findRootUnit(db))!;
    const unitIds: string[] = [];
    for (let i = 0; i < UNITS; i++) {
      const unit = await createUnit(sys, {
        parentId: root.id,
        code: `BENCH${String(i).padStart(2, '0')}`,
        name: `Đơn vị ${i}`,
        kind: i < 10 ? 'agency' : 'commune',
      });
      unitIds.push(unit.id);
    }

    // 1. Imports ---------------------------------------------------------------------------------------
    const imports: ImportFigure[] = [];
    const measureImport = async (label: string, files: string[]) => {
      const contents = files.map((file) => ({ name: path.basename(file), content: fs.readFileSync(file) }));
      const bytes = contents.reduce((s, c) => s + c.content.length, 0);
      gc();
      const rssBefore = mib(process.memoryUsage.rss());
      sampler.reset();
      const started = now();
      const results = await importFeedFiles(sys, contents);
      const ms = now() - started;
      const counts = results.map((r) => r.counts.vulnerabilities + r.counts.kev).reduce((a, b) => a + b, 0);
      imports.push({
        label,
        ms,
        rssBefore,
        peak: sampler.peakMiB(),
        maxRss: maxRssMiB(),
        note: `${f1(bytes / 1024 / 1024)} MB, ${f0(counts)} records`,
      });
      log(`  [${engine}] import ${label}: ${f0(ms)} ms`);
    };
    await measureImport('MSRC CVRF 2024-Apr alone', [path.join(MSRC, APRIL)]);
    await measureImport('KEV (JSON) alone', [KEV]);
    await measureImport(
      'the other six MSRC months together',
      OTHER_MONTHS.map((f) => path.join(MSRC, f)),
    );
    const index = await loadMatchIndex(db);
    const s = index.stats;
    const indexStats = `${s.documents} documents, ${s.cves} CVEs, ${s.products} product keys, ${s.rows} fix rows`;

    // 2. Rematch per size ----------------------------------------------------------------------------
    const seeding: EngineResult['seeding'] = [];
    const rematchFigures: RematchFigure[] = [];
    let lastIds: string[] = [];
    for (const n of HOSTS) {
      await db.execute(
        sql`truncate findings, finding_host_states, host_hotfixes, host_software, host_snapshots, hosts`,
      );
      const seeded = await seedHosts(db, index, unitIds, n);
      lastIds = seeded.ids;
      if (database.kind === 'postgres') await db.execute(sql`analyze`);
      seeding.push({ hosts: n, ms: seeded.ms, software: seeded.software, hotfixes: seeded.hotfixes });
      log(`  [${engine}] seeded ${n} hosts in ${f0(seeded.ms)} ms`);
      const first = await timedRematch(sys, sampler);
      rematchFigures.push({ hosts: n, run: 'first', ...first });
      log(`  [${engine}] rematch ${n} hosts (first): ${f0(first.ms)} ms, ${f0(first.findings)} findings`);
      const second = PROFILE
        ? await profiled(`second run, ${n} hosts`, () => timedRematch(sys, sampler))
        : await timedRematch(sys, sampler);
      rematchFigures.push({ hosts: n, run: 'second', ...second });
      log(`  [${engine}] rematch ${n} hosts (second): ${f0(second.ms)} ms`);
      const incremental = await timedRematch(sys, sampler, seeded.ids.slice(0, INCREMENTAL));
      rematchFigures.push({ hosts: n, run: 'incremental', ...incremental });
      log(`  [${engine}] rematch ${INCREMENTAL} of ${n} hosts: ${f0(incremental.ms)} ms`);
      // A new Patch Tuesday: the estate was matched without 2024-Jun, then Jun arrives.
      if (!NEW_MONTH) continue;
      await db.execute(sql`delete from vulnerability_sources where document_id like '%2024-Jun%'`);
      await db.execute(sql`delete from advisory_documents where document_id like '%2024-Jun%'`);
      await rematch(sys);
      const juneStarted = now();
      await importFeedFiles(sys, [{ name: path.basename(JUNE), content: fs.readFileSync(JUNE) }]);
      const importMs = now() - juneStarted;
      const june = await timedRematch(sys, sampler);
      rematchFigures.push({ hosts: n, run: 'new-month', ...june, importMs });
      log(`  [${engine}] import 2024-Jun ${f0(importMs)} ms, then rematch ${n} hosts: ${f0(june.ms)} ms`);
    }

    if (!LISTING) {
      const none = { label: '-', url: '-', n: 0, p50: 0, p99: 0, mean: 0, total: 0 };
      return {
        engine: engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
        version,
        imports,
        indexStats,
        seeding,
        rematch: rematchFigures,
        findingsStored: 0,
        findingsSeedMs: 0,
        statusMix: {},
        unitFilterRows: 0,
        latencies: [],
        health: none,
        explains: [],
        finalMaxRss: maxRssMiB(),
      };
    }

    // 3. ~1M findings: clone the last size's hosts with their findings, then spread statuses and dates --
    const seedStarted = now();
    const countFindings = async () =>
      Number(
        (
          (await db.execute(sql`select count(*)::int as n from findings`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]?.n,
      );
    let stored = await countFindings();
    const perHost = stored / Math.max(1, lastIds.length);
    for (let copy = 1; copy <= 200 && stored < FINDINGS_TARGET && perHost > 0; copy++) {
      const hostCount = Math.min(lastIds.length, Math.ceil((FINDINGS_TARGET - stored) / perHost));
      await db.transaction(async (tx) => {
        await tx.execute(sql`create temp table bench_map on commit drop as
          select id as src, gen_random_uuid() as dst from hosts where hostname not like '%-c%' order by id limit ${hostCount}`);
        await tx.execute(sql`insert into hosts (id, unit_id, machine_id, hostname, domain, product_name, build, ubr,
            architecture, installation_type, hotpatch, source, last_inventory_at)
          select m.dst, h.unit_id, h.machine_id || ${`-c${copy}`}, h.hostname || ${`-c${copy}`}, h.domain, h.product_name,
            h.build, h.ubr, h.architecture, h.installation_type, h.hotpatch, h.source, h.last_inventory_at
          from hosts h join bench_map m on m.src = h.id`);
        await tx.execute(sql`insert into findings (host_id, unit_id, cve, product_name, match, status, severity,
            cvss_score, exploited, fix_kb, fixed_build, observed, rule, confidence, reason, due_at, first_seen_at,
            last_seen_at)
          select m.dst, f.unit_id, f.cve, f.product_name, f.match, f.status, f.severity, f.cvss_score, f.exploited,
            f.fix_kb, f.fixed_build, f.observed, f.rule, f.confidence, f.reason, f.due_at, f.first_seen_at,
            f.last_seen_at
          from findings f join bench_map m on m.src = f.host_id`);
      });
      stored = await countFindings();
      log(`  [${engine}] findings: ${f0(stored)}`);
    }
    // Statuses and ages: a working installation has months of history, not one fresh run.
    await db.execute(sql`update findings set
        status = case
          when abs(hashtext(id::text)) % 100 < 55 then 'open'
          when abs(hashtext(id::text)) % 100 < 63 then 'in_progress'
          when abs(hashtext(id::text)) % 100 < 67 then 'risk_accepted'
          when abs(hashtext(id::text)) % 100 < 97 then 'fixed'
          else 'false_positive' end,
        fixed_at = case when abs(hashtext(id::text)) % 100 between 67 and 96 then now() end,
        status_until = case when abs(hashtext(id::text)) % 100 between 63 and 66 then current_date + 60 end,
        status_reason = case when abs(hashtext(id::text)) % 100 >= 63 then 'bench' end,
        first_seen_at = first_seen_at - (abs(hashtext(host_id::text)) % 240) * interval '1 day',
        due_at = due_at - (abs(hashtext(host_id::text)) % 240) * interval '1 day'`);
    await db.execute(sql`analyze`);
    const findingsSeedMs = now() - seedStarted;
    const mix = (await db.execute(
      sql`select status, count(*)::int as n from findings group by status order by status`,
    )) as unknown as { rows: { status: string; n: number }[] };
    const statusMix = Object.fromEntries(mix.rows.map((r) => [r.status, r.n]));
    // A mid-sized unit for the unit filter (the 10th largest of 50).
    const bySize = (await db.execute(sql`select unit_id, count(*)::int as n from findings
      where status in ('open','in_progress','risk_accepted') group by unit_id order by n desc`)) as unknown as {
      rows: { unit_id: string; n: number }[];
    };
    const midUnit = bySize.rows[Math.min(9, bySize.rows.length - 1)]!;
    log(`  [${engine}] ${f0(stored)} findings ready in ${f0(findingsSeedMs)} ms`);

    // HTTP -----------------------------------------------------------------------------------------
    const app = await buildApp({ database, log: quiet, version: 'bench' });
    await app.ready();
    const { secret } = await createToken(sys, { name: 'bench', unitId: root.id, role: 'admin' });
    const headers = { authorization: `Bearer ${secret}` };
    const measure = async (label: string, url: string, auth: boolean): Promise<Latency> => {
      let total = 0;
      for (let i = 0; i < WARMUP; i++) {
        const res = await app.inject({ method: 'GET', url, headers: auth ? headers : {} });
        if (res.statusCode !== 200)
          throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        if (auth) total = (res.json() as { total: number }).total;
      }
      const times: number[] = [];
      const cpuBefore = process.cpuUsage();
      const serverBefore = await serverCpuMs(sys);
      const deadline = now() + URL_SECONDS * 1000;
      for (let i = 0; i < REQUESTS && now() < deadline; i++) {
        const started = now();
        const res = await app.inject({ method: 'GET', url, headers: auth ? headers : {} });
        times.push(now() - started);
        if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
      }
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      const cpuUsed = process.cpuUsage(cpuBefore);
      // Per request: this process (Fastify, zod, JSON; PGlite's engine too) and the PostgreSQL backends.
      const cpu = {
        node: (cpuUsed.user + cpuUsed.system) / 1000 / times.length,
        server: ((await serverCpuMs(sys)) - serverBefore) / times.length,
      };
      log(
        `  [${engine}] ${label}: p50 ${f1(percentile(times, 50))} ms, p99 ${f1(percentile(times, 99))} ms (n=${times.length})`,
      );
      return {
        label,
        url,
        n: times.length,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        mean,
        total,
        cpu,
      };
    };
    const urls: [string, string, Partial<FindingQuery>][] = [
      ['page 1, default sort (due)', '/api/findings', {}],
      [
        'unit filter (10th largest unit)',
        `/api/findings?unitId=${midUnit.unit_id}`,
        { unitId: midUnit.unit_id },
      ],
      [
        'exploited + overdue',
        '/api/findings?exploited=true&overdue=true',
        { exploited: true, overdue: true },
      ],
      ['sort=severity', '/api/findings?sort=severity', { sort: 'severity' }],
      ['deep page (page 200)', '/api/findings?page=200', { page: 200 }],
    ];
    let health: Latency;
    const latencies: Latency[] = [];
    try {
      health = await measure('GET /api/health', '/api/health', false);
      for (const [label, url] of urls) latencies.push(await measure(label, url, true));
    } finally {
      await app.close();
    }

    const explains: { label: string; plan: string }[] = [];
    if (EXPLAIN) {
      for (const [label, , q] of urls) {
        const query = FindingQuery.parse({}) as FindingQuery;
        const statements = listingStatements(db, { ...query, ...q } as FindingQuery);
        explains.push({ label: `${label}: items`, plan: await explain(database, statements.items) });
        explains.push({ label: `${label}: count`, plan: await explain(database, statements.total) });
      }
    }
    return {
      engine: engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
      version,
      imports,
      indexStats,
      seeding,
      rematch: rematchFigures,
      findingsStored: stored,
      findingsSeedMs,
      statusMix,
      unitFilterRows: midUnit.n,
      latencies,
      health,
      explains,
      finalMaxRss: maxRssMiB(),
    };
  } finally {
    await database.close();
    await sampler.stop();
  }
}

// ---------------------------------------------------------------------------------------------------
// Parent: orchestration and report

function startCluster(stateFile: string): { url?: string; why?: string } {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'pg-test-cluster.sh'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PG_TEST_CLUSTER_STATE: stateFile },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    return { why: (result.stderr || result.error?.message || 'unknown').trim().split('\n').pop() };
  }
  return { url: result.stdout.trim().split('\n').pop() };
}

function stopCluster(stateFile: string) {
  spawnSync('bash', [path.join(ROOT, 'scripts', 'pg-test-cluster.sh'), 'stop'], {
    cwd: ROOT,
    env: { ...process.env, PG_TEST_CLUSTER_STATE: stateFile },
    stdio: 'ignore',
    timeout: 60_000,
  });
}

/** Runs one engine in a child process (fresh heap, its own peak RSS); resolves with its result. */
function runChild(engine: 'pglite' | 'postgres', tmp: string, url?: string): Promise<EngineResult> {
  const args = [
    '--expose-gc',
    '--max-old-space-size=4096',
    '--import',
    'tsx',
    SELF,
    `--child=${engine}`,
    `--tmp=${tmp}`,
    ...(url ? [`--url=${url}`] : []),
    ...argv.filter((a) => !a.startsWith('--child') && !a.startsWith('--tmp') && !a.startsWith('--url')),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60 * 60 * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as EngineResult);
      else reject(new Error(`${engine} child exited with ${code ?? signal}`));
    });
  });
}

function report(results: EngineResult[]): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push('### Advisory import (importFeedFiles: parse + store, one transaction)', '');
  push('| engine | import | input | time | RSS before | peak RSS during (sampled) | process maxRSS so far |');
  push('| --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of results)
    for (const i of r.imports)
      push(
        `| ${r.engine} | ${i.label} | ${i.note} | ${f0(i.ms)} ms | ${f0(i.rssBefore)} MiB | ${f0(i.peak)} MiB (+${f0(i.peak - i.rssBefore)}) | ${f0(i.maxRss)} MiB |`,
      );
  push('', `Index after the imports: ${results[0]?.indexStats ?? '-'}.`, '');

  push(
    '### Full re-match, end to end (rematch(ctx): load index, load facts, match, write in one transaction)',
    '',
  );
  push(
    '| engine | hosts | run | total | load index | prepare | read facts + match | write | findings | hosts rewritten | shapes | closed | CPU node + server | per host | per host vs first size (first run) | target 10k < 2 s | peak RSS |',
  );
  push(
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |',
  );
  for (const r of results) {
    const base = r.rematch.find((x) => x.run === 'first');
    const basePerHost = base ? base.ms / base.hosts : Number.NaN;
    for (const x of r.rematch) {
      const n = x.run === 'incremental' ? INCREMENTAL : x.hosts;
      const perHost = x.ms / n;
      const runLabel =
        x.run === 'incremental'
          ? `incremental (${INCREMENTAL} of ${f0(x.hosts)})`
          : x.run === 'first'
            ? `first (all new${x.firstLoadSplit ? `; insert ${f0(x.firstLoadSplit.insertMs)} + index rebuild ${f0(x.firstLoadSplit.indexMs)} ms` : ''})`
            : x.run === 'new-month'
              ? `new month (after importing 2024-Jun in ${f0(x.importMs ?? 0)} ms)`
              : 'second (nothing changed)';
      const ratio = x.run === 'first' ? `${f2(perHost / basePerHost)}×` : '—';
      const target = x.hosts === 10_000 && x.run !== 'incremental' ? (x.ms < 2000 ? 'PASS' : 'FAIL') : '—';
      push(
        `| ${r.engine} | ${f0(x.hosts)} | ${runLabel} | ${f0(x.ms)} ms | ${f0(x.phases.index)} | ${f0(x.phases.facts)} | ${f0(x.phases.match)} | ${f0(x.phases.write)} | ${f0(x.findings)} | ${f0(x.rewritten)} | ${f0(x.shapes)} | ${f0(x.closed)} | ${f0(x.cpu.node)} + ${f0(x.cpu.server)} ms | ${f2(perHost)} ms | ${ratio} | ${target} | ${f0(x.peak)} MiB |`,
      );
    }
  }
  push(
    '',
    "Phases in ms: load index (to rematch's 10 % mark); prepare (SLA, merged severities, the host list); then per step of 2,000 hosts, summed: reading facts + matching + fingerprints, and writing the changed hosts.",
    '',
  );
  for (const r of results)
    push(
      `Seeding (${r.engine}, batched Drizzle inserts in one transaction): ${r.seeding
        .map(
          (s) =>
            `${f0(s.hosts)} hosts + ${f0(s.software)} programs + ${f0(s.hotfixes)} KBs in ${f0(s.ms)} ms`,
        )
        .join('; ')}.`,
    );

  push('', '### GET /api/findings with ~1M findings (app.inject, admin API token, sequential)', '');
  push(
    '| engine | request | rows matching | n | p50 | p99 | mean | CPU per request node + server | baseline GET /api/health p50 / p99 | p50 ratio | target p99 < 100 ms |',
  );
  push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |');
  for (const r of results)
    for (const l of r.latencies)
      push(
        `| ${r.engine} | ${l.label} | ${f0(l.total)} | ${l.n} | ${f1(l.p50)} ms | ${f1(l.p99)} ms | ${f1(l.mean)} ms | ${f1(l.cpu?.node ?? 0)} + ${f1(l.cpu?.server ?? 0)} ms | ${f2(r.health.p50)} / ${f2(r.health.p99)} ms | ${f0(l.p50 / r.health.p50)}× | ${l.p99 < 100 ? 'PASS' : 'FAIL'} |`,
      );
  push('');
  for (const r of results)
    push(
      `${r.engine} ${r.version}: ${f0(r.findingsStored)} findings (${Object.entries(r.statusMix)
        .map(([k, v]) => `${k} ${f0(v)}`)
        .join(
          ', ',
        )}), made in ${f0(r.findingsSeedMs / 1000)} s; unit filter unit holds ${f0(r.unitFilterRows)} active findings; child process maxRSS ${f0(r.finalMaxRss)} MiB.`,
    );
  return lines.join('\n');
}

async function parent(): Promise<void> {
  const missing = [path.join(MSRC, APRIL), KEV, ...OTHER_MONTHS.map((f) => path.join(MSRC, f))].filter(
    (f) => !fs.existsSync(f),
  );
  if (missing.length > 0) {
    console.log(
      `skipped: advisory fixtures missing (${missing.map((m) => path.relative(ROOT, m)).join(', ')})`,
    );
    return;
  }
  const load = () =>
    os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  const loadBefore = load();
  const started = now();
  console.log(
    `Canh Gác findings bench: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}; ` +
      `hosts ${HOSTS.join(', ')}; findings target ${f0(FINDINGS_TARGET)}; ${REQUESTS} requests per URL (max ${URL_SECONDS} s) after ${WARMUP} warm-up; ${PROGRAMS} programs per host`,
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-findings-bench-'));
  const stateFile = path.join(tmp, 'pg-test-cluster.state');
  let cluster = false;
  const cleanup = () => {
    if (cluster) stopCluster(stateFile);
    cluster = false;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const results: EngineResult[] = [];
  let pgNote = '';
  try {
    if (!argv.includes('--no-pglite')) results.push(await runChild('pglite', tmp));
    if (!argv.includes('--no-postgres')) {
      const c = startCluster(stateFile);
      if (c.url) {
        cluster = true;
        results.push(await runChild('postgres', tmp, c.url));
      } else pgNote = `PostgreSQL skipped: ${c.why}`;
    } else pgNote = 'PostgreSQL skipped (--no-postgres)';
  } finally {
    cleanup();
  }
  console.log(`\n${report(results)}\n`);
  if (pgNote) console.log(pgNote);
  console.log(
    `bench took ${f0((now() - started) / 1000)} s; load average (1/5/15 min) ${loadBefore} before, ${load()} after`,
  );
  if (EXPLAIN) {
    for (const r of results) {
      console.log(`\n#### EXPLAIN (ANALYZE, BUFFERS), ${r.engine}\n`);
      for (const e of r.explains) console.log(`-- ${e.label}\n${e.plan}\n`);
    }
  }
}

const child = arg('child');
if (child === 'pglite' || child === 'postgres') {
  const result = await runEngine(child, arg('tmp') ?? os.tmpdir(), arg('url'));
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  await parent();
}
