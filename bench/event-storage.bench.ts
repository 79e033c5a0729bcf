/**
 * Event storage (docs/decisions/007-event-blocks.md): rows through COPY (decision 006, the design this
 * replaced, rebuilt here in a scratch table with its three btrees) against blocks (event_blocks, as
 * shipped), same run, same parsed OpenSSH events, PGlite on disk and (CANHGAC_BENCH_DATABASE_URL)
 * PostgreSQL. Prints process CPU µs per event (PGlite runs in this process; zlib's pool threads are
 * counted too) beside wall time, and the ratio to rows. Then search latency over `--search` stored
 * events (blocks), p50/p99 of a page: newest first, with a text filter, and the count.
 *
 *   npx tsx bench/event-storage.bench.ts [--events=40000] [--batch=2000] [--reps=3] [--search=1000000] [--runs=11]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { nextSequenceValues } from '../src/db/sequences';
import type { BlockEncoding } from '../src/monitoring/events/block-codec';
import { searchTuning } from '../src/monitoring/events/block-search';
import {
  countEventsDetailed,
  type EventInsert,
  insertBlocks,
  packEvents,
  searchEvents,
} from '../src/monitoring/events/queries';
import { parseSyslogText } from '../src/monitoring/ingest/syslog';
import { copyBytea, copyField, copyRows } from './support/bulk-copy';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FIX = path.join(ROOT, '..', 'shared', 'fixtures', 'logs', 'loghub', 'OpenSSH', 'OpenSSH_2k.log');
const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const EVENTS = arg('events', 40_000);
const BATCH = arg('batch', 2000);
const REPS = arg('reps', 3);
const SEARCH = arg('search', 1_000_000);
const UNIT = '00000000-0000-4000-8000-000000000001';
/** Runs of each search case per read path (interleaved). */
const RUNS = arg('runs', 11);

function rows(n: number): EventInsert[] {
  const lines = fs.readFileSync(FIX, 'utf8').split('\n').filter(Boolean);
  const out: EventInsert[] = [];
  const receivedAt = new Date();
  for (let i = 0; out.length < n; i++) {
    const e = parseSyslogText(`<38>${lines[i % lines.length]}`, { receivedAt });
    out.push({ ...e, unitId: UNIT, sourceId: null, senderIp: '127.0.0.1' });
  }
  return out;
}

// Decision 006's row design, kept here only to compare against.
const LEGACY = `create table if not exists bench_event_rows (id bigserial primary key, time timestamptz not null,
  received_at timestamptz not null, unit_id uuid not null, source_id uuid, sender_ip text, host text, app text,
  facility smallint, severity smallint, format text not null, message text not null, fields jsonb not null,
  raw bytea, parse_error text);
  create index if not exists bench_event_rows_ut on bench_event_rows (unit_id, time);
  create index if not exists bench_event_rows_st on bench_event_rows (source_id, time);
  create index if not exists bench_event_rows_r on bench_event_rows (received_at)`;
const COLUMNS = [
  'id',
  'time',
  'received_at',
  'unit_id',
  'source_id',
  'sender_ip',
  'host',
  'app',
  'facility',
].concat(['severity', 'format', 'message', 'fields', 'raw', 'parse_error']);

async function insertRows(db: Database, part: EventInsert[]) {
  await db.db.transaction(async (tx) => {
    const ids = await nextSequenceValues(tx, 'bench_event_rows_id_seq', part.length);
    let text = '';
    for (let i = 0; i < part.length; i++) {
      const r = part[i]!;
      text += `${ids[i]}\t${r.time.toISOString()}\t${r.receivedAt.toISOString()}\t${r.unitId}\t${copyField(r.sourceId)}\t${copyField(r.senderIp)}\t${copyField(r.host)}\t${copyField(r.app)}\t${copyField(r.facility)}\t${copyField(r.severity)}\t${copyField(r.format)}\t${copyField(r.message)}\t${copyField(JSON.stringify(r.fields))}\t${copyBytea(r.raw)}\t${copyField(r.parseError)}\n`;
    }
    await copyRows(tx, 'bench_event_rows', COLUMNS, text);
  });
}

const insertBlocksOf = (encoding: BlockEncoding) => async (db: Database, part: EventInsert[]) => {
  const blocks = await packEvents(part, encoding);
  await db.db.transaction((tx) => insertBlocks(tx, blocks, part.length));
};

type Measure = { cpuUs: number; rate: number };

async function timed(
  db: Database,
  data: EventInsert[],
  write: (db: Database, part: EventInsert[]) => Promise<void>,
): Promise<Measure> {
  await db.db.execute(sql`truncate bench_event_rows, event_blocks`);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < data.length; i += BATCH) await write(db, data.slice(i, i + BATCH));
  const used = process.cpuUsage(cpu);
  return {
    cpuUs: (used.user + used.system) / data.length,
    rate: data.length / ((performance.now() - start) / 1000),
  };
}

async function bytesPerEvent(db: Database, table: string): Promise<number> {
  const r = (await db.db.execute(
    sql.raw(`select pg_total_relation_size('${table}')::bigint as b`),
  )) as unknown as {
    rows: { b: string }[];
  };
  return Number(r.rows[0]!.b) / EVENTS;
}

async function storage(db: Database, data: EventInsert[]) {
  for (const statement of LEGACY.split(';')) await db.db.execute(sql.raw(statement));
  const variants: [string, (db: Database, part: EventInsert[]) => Promise<void>, string][] = [
    ['rows (COPY, 3 btrees)', insertRows, 'bench_event_rows'],
    ['blocks json', insertBlocksOf('json'), 'event_blocks'],
    ['blocks json-deflate', insertBlocksOf('json-deflate'), 'event_blocks'],
  ];
  const best = new Map<string, Measure & { bytes: number }>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const [name, write, table] of variants) {
      const m = await timed(db, data, write);
      const bytes = await bytesPerEvent(db, table);
      const prev = best.get(name);
      if (!prev || m.cpuUs < prev.cpuUs) best.set(name, { ...m, bytes });
    }
  }
  const base = best.get('rows (COPY, 3 btrees)')!;
  for (const [name, m] of best)
    console.log(
      `  ${name.padEnd(24)} ${m.cpuUs.toFixed(1).padStart(6)} µs CPU/event (${(m.cpuUs / base.cpuUs).toFixed(2)}x)  ${Math.round(m.rate).toString().padStart(7)} ev/s wall (${(m.rate / base.rate).toFixed(2)}x)  ${Math.round(m.bytes)} B/event on disk`,
    );
  await db.db.execute(sql`drop table bench_event_rows`);
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function searchLatency(db: Database, data: EventInsert[]) {
  await db.db.execute(sql`truncate event_blocks`);
  const t0 = Date.now() - 7 * 86_400_000;
  const load = performance.now();
  for (let i = 0; i < SEARCH; i += BATCH) {
    const part = Array.from({ length: Math.min(BATCH, SEARCH - i) }, (_, k) => {
      const e = data[(i + k) % data.length]!;
      const time = new Date(t0 + Math.floor(((i + k) / SEARCH) * 7 * 86_400_000));
      return { ...e, time, receivedAt: time };
    });
    await insertBlocksOf('json-deflate')(db, part);
  }
  console.log(`  loaded ${SEARCH} events in ${((performance.now() - load) / 1000).toFixed(1)} s`);
  const cases: [string, () => Promise<unknown>][] = [
    ['newest page (50), unit', () => searchEvents(db.db, { scopePath: null, unitId: UNIT }, 50, 0, 'desc')],
    [
      'page (50), last hour of a day 3 days ago',
      () =>
        searchEvents(
          db.db,
          {
            scopePath: null,
            unitId: UNIT,
            from: new Date(t0 + 3.9 * 86_400_000),
            to: new Date(t0 + 4 * 86_400_000),
          },
          50,
          0,
          'desc',
        ),
    ],
    [
      'page (50), text "Accepted"',
      () => searchEvents(db.db, { scopePath: null, unitId: UNIT, text: 'Accepted' }, 50, 0, 'desc'),
    ],
    [
      'page (50), text absent "Refused zz"',
      () => searchEvents(db.db, { scopePath: null, unitId: UNIT, text: 'Refused zz' }, 50, 0, 'desc'),
    ],
    [
      'page 100 (offset 4950)',
      () => searchEvents(db.db, { scopePath: null, unitId: UNIT }, 50, 4950, 'desc'),
    ],
    ['count, no filter', () => countEventsDetailed(db.db, { scopePath: null, unitId: UNIT })],
    [
      'count, text (budget 50k)',
      () => countEventsDetailed(db.db, { scopePath: null, unitId: UNIT, text: 'Accepted' }),
    ],
  ];
  // Same run, same data: the read before this change (bytea, decode every event, filter), then each
  // step added: blocks as hex, needles + tuple filter, inflation ahead on the libuv pool (the default).
  const tunings: [string, typeof searchTuning][] = [
    ['baseline (bytea, decode all, filter)', { inflateAhead: 0, readSidePruning: false, hexFetch: false }],
    ['hex fetch', { inflateAhead: 0, readSidePruning: false, hexFetch: true }],
    ['hex + needles + tuple filter', { inflateAhead: 0, readSidePruning: true, hexFetch: true }],
    ['hex + needles + tuples + inflate ahead', { inflateAhead: 4, readSidePruning: true, hexFetch: true }],
  ];

  // Interleaved (every tuning once per iteration) so the machine's load drifts over all alike.
  const saved = { ...searchTuning };
  console.log(
    `  tunings: ${tunings.map(([n], i) => `[${i}] ${n}`).join(', ')}; load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  for (const [name, run] of cases) {
    const ms = tunings.map(() => [] as number[]);
    const cpuMs = tunings.map(() => 0);
    for (let i = 0; i < RUNS; i++) {
      for (const [k, [, settings]] of tunings.entries()) {
        Object.assign(searchTuning, settings);
        const cpu = process.cpuUsage();
        const s = performance.now();
        await run();
        ms[k]!.push(performance.now() - s);
        const used = process.cpuUsage(cpu);
        cpuMs[k]! += (used.user + used.system) / 1000;
      }
    }
    const base = pct(ms[0]!, 0.5);
    for (const k of tunings.keys()) {
      const p50 = pct(ms[k]!, 0.5);
      console.log(
        `    ${name.padEnd(42)} [${k}] p50 ${p50.toFixed(1).padStart(7)} ms  p99 ${pct(ms[k]!, 0.99).toFixed(1).padStart(7)} ms  CPU ${(cpuMs[k]! / RUNS).toFixed(1).padStart(7)} ms/run  (${(p50 / base).toFixed(2)}x p50)`,
      );
    }
  }
  console.log(
    `  load after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  Object.assign(searchTuning, saved);
}

async function main() {
  if (!fs.existsSync(FIX)) return console.log('skipped: ../shared/fixtures/logs is absent');
  const data = rows(EVENTS);
  console.log(
    `${data.length} parsed OpenSSH events, batches of ${BATCH}, best of ${REPS}; load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-store-bench-'));
  const targets: [string, () => Promise<Database>][] = [
    ['pglite (disk)', () => openDatabase({ pgliteDir: dir })],
  ];
  const url = process.env.CANHGAC_BENCH_DATABASE_URL;
  if (url) targets.push(['postgresql', () => openDatabase({ databaseUrl: url })]);
  for (const [name, open] of targets) {
    const db = await open();
    await migrateDatabase(db);
    console.log(`${name}:`);
    await storage(db, data);
    if (SEARCH > 0) await searchLatency(db, data);
    await db.db.execute(sql`truncate event_blocks`);
    await db.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
