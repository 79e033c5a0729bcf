/**
 * Event storage design (docs/decisions/003-event-storage.md): insert throughput of parsed OpenSSH
 * events on the embedded database (PGlite, on disk, as deployed) and, when CANHGAC_BENCH_DATABASE_URL
 * is set, on PostgreSQL. Variants, each measured in the same run:
 *   row+idx  one row per event, jsonb fields, the three btree indexes (the shipped design)
 *   row      the same without secondary indexes (the cost of being searchable)
 *   row+gin  the shipped design plus a GIN index on fields (field search without a time bound)
 *   batch    one row per batch, events as one jsonb array (fast to write, not searchable by field)
 *
 *   npx tsx bench/event-storage.bench.ts [--events=20000] [--batch=2000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { type EventInsert, insertEvents } from '../src/monitoring/events/queries';
import { parseSyslogText } from '../src/monitoring/ingest/syslog';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FIX = path.join(ROOT, '..', 'shared', 'fixtures', 'logs', 'loghub', 'OpenSSH', 'OpenSSH_2k.log');
const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const EVENTS = arg('events', 20_000);
const BATCH = arg('batch', 2000);

function rows(): EventInsert[] {
  const lines = fs.readFileSync(FIX, 'utf8').split('\n').filter(Boolean);
  const out: EventInsert[] = [];
  const receivedAt = new Date();
  for (let i = 0; out.length < EVENTS; i++) {
    const e = parseSyslogText(`<38>${lines[i % lines.length]}`, { receivedAt });
    out.push({ ...e, unitId: '00000000-0000-4000-8000-000000000001', sourceId: null, senderIp: '127.0.0.1' });
  }
  return out;
}

async function timed(
  db: Database,
  data: EventInsert[],
  write: (part: EventInsert[]) => Promise<unknown>,
): Promise<number> {
  await db.db.execute(sql`truncate events`);
  const start = performance.now();
  for (let i = 0; i < data.length; i += BATCH) await write(data.slice(i, i + BATCH));
  return data.length / ((performance.now() - start) / 1000);
}

async function variants(db: Database, data: EventInsert[]): Promise<Record<string, number>> {
  const insert = (part: EventInsert[]) => db.db.transaction((tx) => insertEvents(tx, part));
  const out: Record<string, number> = {};
  out['row+idx'] = await timed(db, data, insert);
  await db.db.execute(sql`create index events_fields_gin on events using gin (fields jsonb_path_ops)`);
  out['row+gin'] = await timed(db, data, insert);
  await db.db.execute(sql`drop index events_fields_gin`);
  for (const idx of ['events_unit_time_idx', 'events_source_time_idx', 'events_received_idx']) {
    await db.db.execute(sql.raw(`drop index ${idx}`));
  }
  out.row = await timed(db, data, insert);
  await db.db.execute(
    sql`create table event_batches (id bigserial primary key, received_at timestamptz not null, events jsonb not null)`,
  );
  const batchWrite = (part: EventInsert[]) =>
    db.db.execute(
      sql`insert into event_batches (received_at, events) values (now(), ${JSON.stringify(part.map(({ raw: _r, ...e }) => e))}::jsonb)`,
    );
  const start = performance.now();
  for (let i = 0; i < data.length; i += BATCH) await batchWrite(data.slice(i, i + BATCH));
  out.batch = data.length / ((performance.now() - start) / 1000);
  return out;
}

async function main() {
  if (!fs.existsSync(FIX)) return console.log('skipped: ../shared/fixtures/logs is absent');
  const parseStart = performance.now();
  const data = rows();
  const parseRate = data.length / ((performance.now() - parseStart) / 1000);
  console.log(`${data.length} events, batches of ${BATCH}; parse alone ${Math.round(parseRate)} ev/s`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-store-bench-'));
  const targets: [string, () => Promise<Database>][] = [
    ['pglite (disk)', () => openDatabase({ pgliteDir: dir })],
  ];
  const url = process.env.CANHGAC_BENCH_DATABASE_URL;
  if (url) targets.push(['postgresql', () => openDatabase({ databaseUrl: url })]);
  for (const [name, open] of targets) {
    const db = await open();
    await migrateDatabase(db);
    const result = await variants(db, data);
    const base = result['row+idx']!;
    console.log(
      `${name}: ${Object.entries(result)
        .map(([k, v]) => `${k} ${Math.round(v)} ev/s (${(v / base).toFixed(2)}x)`)
        .join(' | ')}`,
    );
    if (url && name === 'postgresql') {
      await db.db.execute(sql`drop table event_batches`);
    }
    await db.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
