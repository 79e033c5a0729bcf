/**
 * Startup, memory and audit-listing latency of the server, on PGlite and (when a throwaway server can be
 * started with scripts/pg-test-cluster.sh) on PostgreSQL. Every figure comes with a baseline measured in
 * the same run, on the same machine:
 *   - startup: spawn → first healthy GET /api/health, against a bare node:http process → first answer;
 *   - idle RSS: the server process after start, against the same bare node:http process;
 *   - GET /api/audit p50/p99 over sequential requests with 100,000 audit rows (first page and a deep
 *     page), against GET /api/health on the same server.
 *
 *   npx tsx bench/startup.ts [--rows=100000] [--requests=200] [--reps=5] [--no-postgres]
 *
 * Only loopback; every loop is bounded in count and time.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { desc, sql } from 'drizzle-orm';
import pg from 'pg';
import { createToken } from '../src/auth/tokens';
import { GENESIS_HASH, hashAuditRow, verifyAuditChain } from '../src/core/audit';
import { systemCtx } from '../src/core/context';
import { acquireDataLock } from '../src/core/data-lock';
import { createLogger } from '../src/core/log';
import { auditLog } from '../src/core/schema';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_PASSWORD = 'Bench-admin-password-1';

function numberArg(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const value = Number(arg.slice(name.length + 3));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ROWS = numberArg('rows', 100_000);
const REQUESTS = numberArg('requests', 200);
const REPS = numberArg('reps', 5);
const WARMUP = 20;
const DEEP_PAGE = 1000;
const PAGE_SIZE = 50;
const WITH_POSTGRES = !process.argv.includes('--no-postgres');
const STARTUP_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET on loopback; resolves with the status once the whole body has arrived. */
function get(port: number, url: string, headers: Record<string, string> = {}, keepAlive = true) {
  return new Promise<number>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: url, headers, agent: keepAlive ? agent : false },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

type Proc = { child: ChildProcess; stderr: () => string };

function launch(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return { child, stderr: () => stderr };
}

async function stop(proc: Proc): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Polls until `url` answers 200; returns the milliseconds since `started`. */
async function waitFor(proc: Proc, port: number, url: string, started: number): Promise<number> {
  const deadline = started + STARTUP_TIMEOUT_MS;
  for (let attempt = 0; attempt < STARTUP_TIMEOUT_MS / 2; attempt++) {
    if (proc.child.exitCode !== null) throw new Error(`process exited early: ${proc.stderr()}`);
    try {
      // A new connection each poll: a refused one costs nothing, and no stale keep-alive socket remains.
      if ((await get(port, url, {}, false)) === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) break;
    await sleep(2);
  }
  throw new Error(`no healthy answer on ${url} within ${STARTUP_TIMEOUT_MS} ms: ${proc.stderr()}`);
}

// ---------------------------------------------------------------------------------------------------
// The server under test

const distEntry = path.join(ROOT, 'dist', 'main.js');
const serverArgs = fs.existsSync(distEntry) ? [distEntry] : ['--import', 'tsx', 'src/main.ts'];
const serverLabel = fs.existsSync(distEntry) ? 'node dist/main.js' : 'node --import tsx src/main.ts';

type Engine = { name: 'PGlite' | 'PostgreSQL'; clusterUrl?: string };

function serverEnv(port: number, dataDir: string, databaseUrl: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    CANHGAC_DATA_DIR: dataDir,
    CANHGAC_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

async function startServer(dataDir: string, databaseUrl: string | undefined) {
  const port = await freePort();
  const started = performance.now();
  const proc = launch(serverArgs, serverEnv(port, dataDir, databaseUrl));
  try {
    const ms = await waitFor(proc, port, '/api/health', started);
    return { proc, port, ms };
  } catch (error) {
    await stop(proc);
    throw error;
  }
}

async function bareNodeStartup() {
  const port = await freePort();
  const started = performance.now();
  const proc = launch(
    ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`],
    process.env,
  );
  try {
    const ms = await waitFor(proc, port, '/', started);
    await sleep(1000);
    return { ms, rss: rssMiB(proc.child.pid!) };
  } finally {
    await stop(proc);
  }
}

// ---------------------------------------------------------------------------------------------------
// Databases: a fresh one per startup, and one seeded with the audit rows

async function createPgDatabase(clusterUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Chains `count` audit rows after the last one, computing the hashes here and inserting in batches. */
async function seedAuditRows(database: Database, count: number, unitId: string): Promise<void> {
  const { db } = database;
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const actions = ['user.sign-in', 'unit.update', 'user.update', 'token.create', 'incident.update'];
  const firstAt = Date.now() - count * 10;
  const batchSize = 1000;
  for (let start = 0; start < count; start += batchSize) {
    const rows: (typeof auditLog.$inferInsert)[] = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      const fields: Parameters<typeof hashAuditRow>[0] = {
        at: new Date(firstAt + i * 10),
        actorType: 'system',
        actorId: null,
        actorName: 'bench',
        unitId,
        ip: '127.0.0.1',
        action: actions[i % actions.length]!,
        targetType: 'bench',
        targetId: String(i),
        details: { seq: i, note: 'benchmark row' },
        prevHash,
      };
      const hash = hashAuditRow(fields);
      rows.push({ ...fields, actorType: 'system', hash });
      prevHash = hash;
    }
    await db.transaction(async (tx) => {
      await tx.insert(auditLog).values(rows);
    });
  }
}

type Seeded = { token: string; seedMs: number; verifyMs: number };

/** Migrates, creates the first admin and an admin API token, adds the audit rows, checks the chain. */
async function prepareDatabase(database: Database, rows: number): Promise<Seeded> {
  await migrateDatabase(database);
  const sys = systemCtx(database.db, createLogger('silent'), 'bench');
  await bootstrapFirstAdmin(sys, ADMIN_PASSWORD);
  const root = await findRootUnit(database.db);
  if (!root) throw new Error('no root unit after bootstrap');
  const { secret } = await createToken(sys, { name: 'bench', unitId: root.id, role: 'admin' });
  const seedStart = performance.now();
  await seedAuditRows(database, rows, root.id);
  if (database.kind === 'postgres') await database.db.execute(sql`analyze audit_log`);
  const seedMs = performance.now() - seedStart;
  const verifyStart = performance.now();
  const verdict = await verifyAuditChain(database.db);
  const verifyMs = performance.now() - verifyStart;
  if (!verdict.ok || verdict.rows < rows) {
    throw new Error(`the seeded audit chain does not verify: ${JSON.stringify(verdict)}`);
  }
  return { token: secret, seedMs, verifyMs };
}

// ---------------------------------------------------------------------------------------------------
// Measurements

type Latency = { p50: number; p99: number };

async function latency(port: number, url: string, headers: Record<string, string>): Promise<Latency> {
  for (let i = 0; i < WARMUP; i++) {
    const status = await get(port, url, headers);
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  }
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const status = await get(port, url, headers);
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

type EngineResult = {
  engine: string;
  startupMs: number;
  startupRuns: number[];
  idleRss: number;
  seededStartupMs: number;
  seedMs: number;
  verifyMs: number;
  health: Latency;
  firstPage: Latency;
  deepPage: Latency;
  rssAfter: number;
};

async function measureEngine(engine: Engine, tmp: string): Promise<EngineResult> {
  const tag = engine.name === 'PGlite' ? 'pglite' : 'pg';
  // (a) and (b): a fresh data folder (and database) each time.
  const startupRuns: number[] = [];
  let idleRss = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const dataDir = path.join(tmp, `${tag}-fresh-${rep}`);
    const databaseUrl = engine.clusterUrl
      ? await createPgDatabase(engine.clusterUrl, `canhgac_bench_fresh_${rep}`)
      : undefined;
    const server = await startServer(dataDir, databaseUrl);
    startupRuns.push(server.ms);
    if (rep === 0) {
      await sleep(3000);
      idleRss = rssMiB(server.proc.child.pid!);
    }
    await stop(server.proc);
    process.stdout.write(`  ${engine.name} fresh start ${rep + 1}/${REPS}: ${server.ms.toFixed(0)} ms\n`);
  }

  // (c): seed directly, close, then start the server on the seeded data.
  const dataDir = path.join(tmp, `${tag}-seeded`);
  const databaseUrl = engine.clusterUrl
    ? await createPgDatabase(engine.clusterUrl, 'canhgac_bench_seeded')
    : undefined;
  const lock = databaseUrl ? undefined : acquireDataLock(dataDir, 'cli');
  const database = await openDatabase({ databaseUrl, pgliteDir: databaseUrl ? undefined : dataDir });
  let seeded: Seeded;
  try {
    seeded = await prepareDatabase(database, ROWS);
  } finally {
    await database.close();
    lock?.release();
  }
  process.stdout.write(
    `  ${engine.name} seeded ${ROWS} audit rows in ${(seeded.seedMs / 1000).toFixed(1)} s, chain verified in ${(seeded.verifyMs / 1000).toFixed(1)} s\n`,
  );

  const server = await startServer(dataDir, databaseUrl);
  try {
    const auth = { authorization: `Bearer ${seeded.token}` };
    const health = await latency(server.port, '/api/health', {});
    const firstPage = await latency(server.port, `/api/audit?page=1&pageSize=${PAGE_SIZE}`, auth);
    const deepPage = await latency(server.port, `/api/audit?page=${DEEP_PAGE}&pageSize=${PAGE_SIZE}`, auth);
    const rssAfter = rssMiB(server.proc.child.pid!);
    return {
      engine: engine.name,
      startupMs: median(startupRuns),
      startupRuns,
      idleRss,
      seededStartupMs: server.ms,
      seedMs: seeded.seedMs,
      verifyMs: seeded.verifyMs,
      health,
      firstPage,
      deepPage,
      rssAfter,
    };
  } finally {
    await stop(server.proc);
  }
}

/** Starts a throwaway PostgreSQL with the test cluster script; undefined (and why) when it cannot. */
function startCluster(stateFile: string): { url?: string; why?: string } {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'pg-test-cluster.sh'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PG_TEST_CLUSTER_STATE: stateFile },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    const why = (result.stderr || result.error?.message || 'unknown').trim().split('\n').pop();
    return { why };
  }
  return { url: result.stdout.trim().split('\n').pop() };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

function stopCluster(stateFile: string) {
  spawnSync('bash', [path.join(ROOT, 'scripts', 'pg-test-cluster.sh'), 'stop'], {
    cwd: ROOT,
    env: { ...process.env, PG_TEST_CLUSTER_STATE: stateFile },
    stdio: 'ignore',
    timeout: 60_000,
  });
}

// ---------------------------------------------------------------------------------------------------
// Report

const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`);
const mib = (v: number) => `${v.toFixed(0)} MiB`;
const ratio = (v: number, base: number) => `${(v / base).toFixed(1)}×`;

function table(results: EngineResult[], bare: { ms: number; rss: number }): string {
  const lines = [
    '| engine | figure | value | baseline (same run) | ratio |',
    '| --- | --- | ---: | --- | ---: |',
  ];
  for (const r of results) {
    const e = r.engine;
    lines.push(
      `| ${e} | startup, spawn → first healthy /api/health (median of ${r.startupRuns.length}, fresh data) | ${ms(r.startupMs)} | bare node:http to first answer: ${ms(bare.ms)} | ${ratio(r.startupMs, bare.ms)} |`,
      `| ${e} | startup with ${ROWS.toLocaleString('en')} audit rows | ${ms(r.seededStartupMs)} | bare node:http: ${ms(bare.ms)} | ${ratio(r.seededStartupMs, bare.ms)} |`,
      `| ${e} | idle RSS after start (VmRSS) | ${mib(r.idleRss)} | bare node:http: ${mib(bare.rss)} | ${ratio(r.idleRss, bare.rss)} |`,
      `| ${e} | RSS after the latency runs | ${mib(r.rssAfter)} | bare node:http: ${mib(bare.rss)} | ${ratio(r.rssAfter, bare.rss)} |`,
      `| ${e} | GET /api/audit page 1 p50 | ${ms(r.firstPage.p50)} | GET /api/health p50: ${ms(r.health.p50)} | ${ratio(r.firstPage.p50, r.health.p50)} |`,
      `| ${e} | GET /api/audit page 1 p99 | ${ms(r.firstPage.p99)} | GET /api/health p99: ${ms(r.health.p99)} | ${ratio(r.firstPage.p99, r.health.p99)} |`,
      `| ${e} | GET /api/audit page ${DEEP_PAGE} p50 | ${ms(r.deepPage.p50)} | GET /api/health p50: ${ms(r.health.p50)} | ${ratio(r.deepPage.p50, r.health.p50)} |`,
      `| ${e} | GET /api/audit page ${DEEP_PAGE} p99 | ${ms(r.deepPage.p99)} | GET /api/health p99: ${ms(r.health.p99)} | ${ratio(r.deepPage.p99, r.health.p99)} |`,
      `| ${e} | seeding ${ROWS.toLocaleString('en')} chained rows (direct SQL, batches of 1000) | ${ms(r.seedMs)} | — | — |`,
      `| ${e} | verifying the audit chain (${ROWS.toLocaleString('en')} rows) | ${ms(r.verifyMs)} | — | — |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-bench-'));
  const stateFile = path.join(tmp, 'pg-test-cluster.state');
  let clusterStarted = false;
  const cleanup = () => {
    if (clusterStarted) stopCluster(stateFile);
    clusterStarted = false;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  const started = performance.now();
  const load = () =>
    os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  const loadBefore = load();
  try {
    process.stdout.write(
      `Canh Gác startup bench: ${os.cpus().length} cores, node ${process.version}, server: ${serverLabel}\n` +
        `${ROWS} audit rows, ${REQUESTS} sequential requests per URL after ${WARMUP} warm-up, ${REPS} fresh starts\n\n`,
    );
    const bareRuns: { ms: number; rss: number }[] = [];
    for (let rep = 0; rep < Math.max(REPS, 5); rep++) bareRuns.push(await bareNodeStartup());
    const bare = { ms: median(bareRuns.map((b) => b.ms)), rss: median(bareRuns.map((b) => b.rss)) };
    process.stdout.write(`  bare node:http: ${ms(bare.ms)} to first answer, ${mib(bare.rss)} RSS\n`);

    const results: EngineResult[] = [await measureEngine({ name: 'PGlite' }, tmp)];
    let postgresNote = '';
    if (WITH_POSTGRES) {
      const cluster = startCluster(stateFile);
      if (cluster.url) {
        clusterStarted = true;
        postgresNote = `PostgreSQL ${await serverVersion(cluster.url)} (throwaway cluster: fsync off)`;
        results.push(await measureEngine({ name: 'PostgreSQL', clusterUrl: cluster.url }, tmp));
      } else {
        postgresNote = `PostgreSQL skipped: ${cluster.why}`;
      }
    } else {
      postgresNote = 'PostgreSQL skipped (--no-postgres)';
    }

    process.stdout.write(`\n${table(results, bare)}\n\n`);
    process.stdout.write(`${postgresNote}\n`);
    for (const r of results) {
      process.stdout.write(
        `${r.engine} fresh starts: ${r.startupRuns.map((v) => v.toFixed(0)).join(', ')} ms; health p50 ${ms(r.health.p50)}\n`,
      );
    }
    process.stdout.write(
      `bench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average (1/5/15 min) ${loadBefore} before, ${load()} after\n`,
    );
  } finally {
    agent.destroy();
    cleanup();
  }
}

await main();
