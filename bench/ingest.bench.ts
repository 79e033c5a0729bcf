/**
 * End-to-end syslog ingest (MONITORING.md §6): TCP receive → parse → durable, against rsyslog
 * (imptcp → omfile) receiving and writing the same stream in the same run. Both are fed by the same
 * sender on 127.0.0.1 with the OpenSSH_2k lines prefixed `<38>`, LF framing: syslog-ng's `loggen -R`
 * for `--seconds` when installed (it blocks on TCP backpressure, so it sends only what is read), else
 * bench/ingest-sender.mjs with `--events`. What is counted is what was written: lines in rsyslog's
 * file, rows in the platform's events table (PGlite on disk, the default deployment); the rate is that
 * count over the time until the count stopped growing. No detection yet.
 *
 *   npx tsx bench/ingest.bench.ts [--seconds=5] [--events=100000] [--runs=3] [--sender=node]
 *   CANHGAC_BENCH_DATABASE_URL=postgres://… : the platform writes to PostgreSQL instead of PGlite
 *   rsyslogd: on PATH, or RSYSLOGD=<path> RSYSLOG_MODDIR=<dir> (e.g. from `apt-get download rsyslog; dpkg -x`)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { IngestPipeline } from '../src/monitoring/ingest/pipeline';
import { startStreamReceiver } from '../src/monitoring/ingest/receivers';
import { SourceDirectory } from '../src/monitoring/ingest/source-directory';
import { logSources } from '../src/monitoring/schema';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FIX = path.join(ROOT, '..', 'shared', 'fixtures', 'logs', 'loghub', 'OpenSSH', 'OpenSSH_2k.log');
const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const EVENTS = arg('events', 100_000);
const SECONDS = arg('seconds', 5);
const EXTRACTED = '/opt/cg-rsyslog/root';
const RUNS = arg('runs', 3);
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

/** Polls the count until it has not grown for 1.5 s; returns it and when it last grew. */
async function settle(
  count: () => Promise<number>,
  sending: Promise<void>,
): Promise<{ n: number; at: number }> {
  let done = false;
  void sending.then(() => {
    done = true;
  });
  let n = -1;
  let at = performance.now();
  for (;;) {
    const now = await count();
    if (now !== n) {
      n = now;
      at = performance.now();
    } else if (done && performance.now() - at > 1500) return { n, at };
    await new Promise((r) => setTimeout(r, 50));
  }
}

let useLoggen = false;

function send(file: string, port: number, repeat: number): Promise<void> {
  const [cmd, args] = useLoggen
    ? [
        'loggen',
        [
          '-i',
          '-S',
          '-R',
          file,
          '-d',
          '-l',
          '-r',
          '1000000',
          '-I',
          String(SECONDS),
          '127.0.0.1',
          String(port),
        ],
      ]
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

async function rsyslogRun(
  file: string,
  repeat: number,
  port: number,
): Promise<{ rate: number; written: number }> {
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
  const lines = () =>
    fs.existsSync(out) ? fs.readFileSync(out).reduce((n, b) => (b === 10 ? n + 1 : n), 0) : 0;
  const start = performance.now();
  const { n, at } = await settle(async () => lines(), send(file, port, repeat));
  rs.kill('SIGTERM');
  await new Promise((r) => rs.once('exit', r));
  return { rate: n / ((at - start) / 1000), written: n };
}

async function platformRun(file: string, repeat: number, index: number) {
  const url = process.env.CANHGAC_BENCH_DATABASE_URL;
  const database = await openDatabase(
    url ? { databaseUrl: url } : { pgliteDir: path.join(W, `pg-${index}`) },
  );
  await migrateDatabase(database);
  if (url) await database.db.execute(sql`truncate events, log_sources, unknown_senders`);
  const log = createLogger('silent');
  if (!(await findRootUnit(database.db)))
    await bootstrapFirstAdmin(systemCtx(database.db, log), 'Bench-password-123456');
  const root = (await findRootUnit(database.db))!;
  await database.db
    .insert(logSources)
    .values({ unitId: root.id, name: 'bench', kind: 'syslog', cidr: '127.0.0.1/32' });
  const directory = new SourceDirectory(database.db);
  await directory.reload();
  const pipeline = new IngestPipeline({ db: database.db, log, directory, batchSize: 5000, flushMs: 50 });
  const receiver = await startStreamReceiver({ host: '127.0.0.1', port: 0, pipeline });
  const count = async () => {
    const r = (await database.db.execute(sql`select count(*)::int as n from events`)) as unknown as {
      rows: { n: number }[];
    };
    return r.rows[0]!.n;
  };
  const start = performance.now();
  const { n: stored, at } = await settle(count, send(file, receiver.port, repeat));
  const seconds = (at - start) / 1000;
  const paused = receiver.stats.pausedTimes;
  await receiver.close();
  await pipeline.close();
  await database.close();
  return { rate: stored / seconds, stored, paused };
}

async function main() {
  if (!fs.existsSync(FIX)) {
    console.log('skipped: ../shared/fixtures/logs is absent');
    return;
  }
  const hasRsyslog = rsyslogCommand() !== undefined;
  useLoggen = !process.argv.includes('--sender=node') && fs.existsSync('/usr/bin/loggen');
  const { file, lines, repeat } = eventFile();
  console.log(
    useLoggen
      ? `sender: loggen -R (OpenSSH_2k lines, LF framing) for ${SECONDS} s per side on 127.0.0.1`
      : `sender: node, ${lines * repeat} events per side (OpenSSH_2k × ${repeat}, LF framing) on 127.0.0.1`,
  );
  for (let i = 0; i < RUNS; i++) {
    const rs = hasRsyslog ? await rsyslogRun(file, repeat, 15514 + i) : undefined;
    const cg = await platformRun(file, repeat, i);
    const ratio = rs ? ((cg.rate / rs.rate) * 100).toFixed(1) : 'n/a';
    console.log(
      `run ${i + 1}: rsyslog ${rs ? `${Math.round(rs.rate)} msg/s (${rs.written} written)` : 'absent'} | ` +
        `canh-gac ${Math.round(cg.rate)} ev/s (${cg.stored} stored, paused ${cg.paused}×) | ratio ${ratio} %`,
    );
  }
  fs.rmSync(W, { recursive: true, force: true });
}

await main();
