/**
 * End-to-end syslog ingest (MONITORING.md §6): TCP receive → parse → detect → durable, against rsyslog
 * (imptcp → omfile) receiving and writing the same stream in the same run. Both are fed by the same
 * sender on 127.0.0.1 with the OpenSSH_2k lines prefixed `<38>`, LF framing: syslog-ng's `loggen -R`
 * for `--seconds` when installed (it blocks on TCP backpressure, so it sends only what is read), else
 * bench/ingest-sender.mjs with `--events`. What is counted is what was written: lines in rsyslog's
 * file, rows committed by the platform (its `stored` counter, checked against count(*) at the end);
 * the rate is that count over the time until it stopped growing. The platform runs twice per run:
 * detection off, and detection on with every SigmaHQ Windows/Linux/web/network rule that compiles
 * (stored and enabled as an operator would import them). CPU seconds of each receiver are printed
 * beside the wall time: the machine is shared, so compare same-run ratios only.
 *
 *   npx tsx bench/ingest.bench.ts [--seconds=5] [--events=100000] [--runs=3] [--sender=node] [--no-detect] [--no-rsyslog]
 *   CANHGAC_BENCH_DATABASE_URL=postgres://… : the platform writes to PostgreSQL instead of PGlite
 *   rsyslogd: on PATH, or RSYSLOGD=<path> RSYSLOG_MODDIR=<dir> (e.g. from `apt-get download rsyslog; dpkg -x`)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
// First, as in the server: the job registry and watch's escalation import each other.
import '../src/jobs/registry';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { loadRulePaths } from '../src/monitoring/detect/rule-files';
import { countEvents } from '../src/monitoring/events/queries';
import { IngestPipeline } from '../src/monitoring/ingest/pipeline';
import { startStreamReceiver } from '../src/monitoring/ingest/receivers';
import { SourceDirectory } from '../src/monitoring/ingest/source-directory';
import { emptyStats } from '../src/monitoring/ingest/stats';
import { startDetection } from '../src/monitoring/rules/detection';
import { upsertRule } from '../src/monitoring/rules/queries';
import { logSources } from '../src/monitoring/schema';
import { compileRuleSet } from '../src/monitoring/sigma';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FIXTURES = path.join(ROOT, '..', 'shared', 'fixtures');
const FIX = path.join(FIXTURES, 'logs', 'loghub', 'OpenSSH', 'OpenSSH_2k.log');
const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const EVENTS = arg('events', 100_000);
const SECONDS = arg('seconds', 5);
const EXTRACTED = '/opt/cg-rsyslog/root';
const RUNS = arg('runs', 3);
const DETECT = !process.argv.includes('--no-detect');
const W = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-ingest-bench-'));

function eventFile(): { file: string; lines: number; repeat: number } {
  const lines = fs
    .readFileSync(FIX, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => `<38>${l}`);
  const file = path.join(W, 'ev.log');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, lines: lines.length, repeat: Math.max(1, Math.round(EVENTS / lines.length)) };
}

/** Polls a cheap progress figure until it has not grown for 1.5 s after sending ended. */
async function settle(progress: () => number, sending: Promise<void>): Promise<{ at: number }> {
  let done = false;
  void sending.then(() => {
    done = true;
  });
  let n = -1;
  let at = performance.now();
  for (;;) {
    const now = progress();
    if (now !== n) {
      n = now;
      at = performance.now();
    } else if (done && performance.now() - at > 1500) return { at };
    await new Promise((r) => setTimeout(r, 50));
  }
}

let useLoggen = false;

function send(file: string, port: number, repeat: number): Promise<void> {
  const loggen = ['-i', '-S', '-R', file, '-d', '-l', '-r', '1000000', '-I', String(SECONDS)];
  const [cmd, args] = useLoggen
    ? ['loggen', [...loggen, '127.0.0.1', String(port)]]
    : [process.execPath, [path.join(ROOT, 'bench', 'ingest-sender.mjs'), file, String(port), String(repeat)]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args as string[], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`))));
  });
}

function rsyslogCommand(): { bin: string; args: string[] } | undefined {
  if (process.env.RSYSLOGD)
    return {
      bin: process.env.RSYSLOGD,
      args: process.env.RSYSLOG_MODDIR ? ['-M', process.env.RSYSLOG_MODDIR] : [],
    };
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin'])) {
    if (fs.existsSync(path.join(dir, 'rsyslogd'))) return { bin: path.join(dir, 'rsyslogd'), args: [] };
  }
  const bin = path.join(EXTRACTED, 'usr/sbin/rsyslogd');
  return fs.existsSync(bin)
    ? { bin, args: ['-M', path.join(EXTRACTED, 'usr/lib/x86_64-linux-gnu/rsyslog')] }
    : undefined;
}

/** User + system CPU seconds of another process, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** BENCH_PROFILE=<dir>: a V8 CPU profile of the measured window only (not start-up or migrations). */
async function startProfile(): Promise<Session | undefined> {
  if (!process.env.BENCH_PROFILE) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session: Session | undefined, name: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  fs.mkdirSync(process.env.BENCH_PROFILE!, { recursive: true });
  fs.writeFileSync(
    path.join(process.env.BENCH_PROFILE!, `ingest-${name}.cpuprofile`),
    JSON.stringify(profile),
  );
  session.disconnect();
}

type Result = { rate: number; count: number; cpu: number; wall: number; note: string };

async function rsyslogRun(file: string, repeat: number, port: number): Promise<Result> {
  const out = path.join(W, `rs-out-${port}.log`);
  const work = path.join(W, `rs-work-${port}`);
  fs.mkdirSync(work, { recursive: true });
  const conf = path.join(W, `rs-${port}.conf`);
  fs.writeFileSync(
    conf,
    `global(workDirectory="${work}")\nmodule(load="imptcp")\ninput(type="imptcp" port="${port}" address="127.0.0.1")\n` +
      `template(name="raw" type="string" string="%rawmsg%\\n")\n` +
      `action(type="omfile" file="${out}" template="raw" asyncWriting="on" ioBufferSize="256k")\n`,
  );
  const pidFile = path.join(W, `rs-${port}.pid`);
  const cmd = rsyslogCommand()!;
  const rs = spawn(cmd.bin, [...cmd.args, '-n', '-f', conf, '-i', pidFile], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 700));
  const size = () => (fs.existsSync(out) ? fs.statSync(out).size : 0);
  const cpu0 = cpuSecondsOf(rs.pid!);
  const start = performance.now();
  const { at } = await settle(size, send(file, port, repeat));
  const cpu = cpuSecondsOf(rs.pid!) - cpu0;
  rs.kill('SIGTERM');
  await new Promise((r) => rs.once('exit', r));
  const count = fs.readFileSync(out).reduce((n, b) => (b === 10 ? n + 1 : n), 0);
  const wall = (at - start) / 1000;
  fs.rmSync(out, { force: true });
  return { rate: count / wall, count, cpu, wall, note: '' };
}

/** The SigmaHQ rule files that compile, stored and enabled (what `canh-gac rules import` would keep). */
async function seedRules(db: Parameters<typeof upsertRule>[0]): Promise<number> {
  const dirs = ['windows', 'linux', 'web', 'network'].map((d) =>
    path.join(FIXTURES, 'sigma/sigmahq/rules', d),
  );
  const loaded = loadRulePaths(dirs);
  const set = compileRuleSet(loaded.documents);
  const files = new Map<string, { id: string; title: string; author: string; level: string }>();
  for (const r of [...set.rules, ...set.correlations]) if (!files.has(r.source)) files.set(r.source, r);
  for (const [file, meta] of files) {
    await upsertRule(db, {
      ruleId: meta.id,
      title: meta.title,
      author: meta.author,
      level: meta.level,
      fileName: path.basename(file),
      yaml: fs.readFileSync(file, 'utf8'),
    });
  }
  return files.size;
}

async function platformRun(file: string, repeat: number, index: number, detect: boolean): Promise<Result> {
  const url = process.env.CANHGAC_BENCH_DATABASE_URL;
  const database = await openDatabase(
    url ? { databaseUrl: url } : { pgliteDir: path.join(W, `pg-${index}`) },
  );
  await migrateDatabase(database);
  if (url)
    await database.db.execute(sql`truncate event_blocks, log_sources, unknown_senders, sigma_rules cascade`);
  const log = createLogger(process.env.BENCH_LOG ?? 'silent');
  if (!(await findRootUnit(database.db)))
    await bootstrapFirstAdmin(systemCtx(database.db, log), 'Bench-password-123456');
  const root = (await findRootUnit(database.db))!;
  await database.db
    .insert(logSources)
    .values({ unitId: root.id, name: 'bench', kind: 'syslog', cidr: '127.0.0.1/32' });
  const rules = detect ? await seedRules(database.db) : 0;
  const stopDetection = detect ? startDetection(database.db, log) : () => {};
  const directory = new SourceDirectory(database.db);
  await directory.reload();
  const pipeline = new IngestPipeline({ db: database.db, log, directory });
  // One event first, so the rule set is compiled before the clock starts (as in a running server).
  const warm = emptyStats('tcp', 'warm-up');
  pipeline.submit(Buffer.from('<38>Dec 10 06:55:46 h sshd[1]: warm up'), '127.0.0.1', 'tcp', warm);
  await pipeline.flush();
  const receiver = await startStreamReceiver({ host: '127.0.0.1', port: 0, pipeline });
  const profiler = await startProfile();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const { at } = await settle(() => receiver.stats.stored, send(file, receiver.port, repeat));
  const used = process.cpuUsage(cpu0);
  await stopProfile(profiler, `${index}-${detect ? 'detect' : 'plain'}`);
  const stored = receiver.stats.stored;
  const paused = receiver.stats.pausedTimes;
  await receiver.close();
  await pipeline.close();
  stopDetection();
  const counted = { rows: [{ n: await countEvents(database.db, { scopePath: null }) }] };
  const alerts = (await database.db.execute(sql`select count(*)::int as n from watch_alerts`)) as unknown as {
    rows: { n: number }[];
  };
  await database.close();
  if (counted.rows[0]!.n !== stored + 1)
    throw new Error(`stored ${stored} but the table holds ${counted.rows[0]!.n - 1}`);
  const wall = (at - start) / 1000;
  const note = `paused ${paused}×${detect ? `, ${rules} rules, ${alerts.rows[0]!.n} alerts` : ''}`;
  return { rate: stored / wall, count: stored, cpu: (used.user + used.system) / 1e6, wall, note };
}

const show = (r: Result, what: string) =>
  `${Math.round(r.rate)} ${what}/s (${r.count} in ${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU${r.note ? `, ${r.note}` : ''})`;

async function main() {
  if (!fs.existsSync(FIX)) {
    console.log('skipped: ../shared/fixtures/logs is absent');
    return;
  }
  const hasRsyslog = !process.argv.includes('--no-rsyslog') && rsyslogCommand() !== undefined;
  useLoggen = !process.argv.includes('--sender=node') && fs.existsSync('/usr/bin/loggen');
  const { file, lines, repeat } = eventFile();
  console.log(
    useLoggen
      ? `sender: loggen -R (OpenSSH_2k lines, LF framing) for ${SECONDS} s per side on 127.0.0.1`
      : `sender: node, ${lines * repeat} events per side (OpenSSH_2k × ${repeat}, LF framing) on 127.0.0.1`,
  );
  for (let i = 0; i < RUNS; i++) {
    const rs = hasRsyslog ? await rsyslogRun(file, repeat, 15514 + i) : undefined;
    const modes = DETECT ? [false, true] : [false];
    const parts = [`run ${i + 1}: rsyslog ${rs ? show(rs, 'msg') : 'absent'}`];
    for (const detect of modes) {
      const cg = await platformRun(file, repeat, i * 2 + Number(detect), detect);
      const ratio = rs ? `${((cg.rate / rs.rate) * 100).toFixed(1)} %` : 'n/a';
      parts.push(`canh-gac detection ${detect ? 'on' : 'off'} ${show(cg, 'ev')} | ratio ${ratio}`);
    }
    console.log(parts.join('\n  '));
  }
  fs.rmSync(W, { recursive: true, force: true });
}

await main();
