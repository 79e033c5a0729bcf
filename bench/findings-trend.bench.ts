/**
 * The trend snapshot (one group-by over every active finding, written as one row per unit) against the
 * dashboard summary query over the same findings (the baseline: the same counts, read not written), and a
 * 365-day trend read, on PGlite in memory. Findings are generated in SQL (generate_series).
 *
 *   npx tsx bench/findings-trend.bench.ts [--findings=200000] [--units=50]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';
import { createUnit } from '../src/units/service';
import { summarizeFindings } from '../src/vulns/findings-summary';
import { findingTrend, snapshotFindingTrend } from '../src/vulns/trend';

const arg = (name: string, fallback: number) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > 5_000_000) throw new Error(`--${name}: 1…5000000`);
  return v;
};
const FINDINGS = arg('findings', 200_000);
const UNITS = arg('units', 50);
const RUNS = 5;

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function main() {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const sys = systemCtx(database.db, createLogger('silent'), 'bench');
  await bootstrapFirstAdmin(sys, 'Bench-admin-password-1');
  const root = (await findRootUnit(database.db))!;
  for (let i = 0; i < UNITS; i++)
    await createUnit(sys, { parentId: root.id, code: `U${i}`, name: `Đơn vị ${i}`, kind: 'agency' });
  // One host per 50 findings, spread over the units; severities, exploited and statuses mixed.
  await database.db.execute(sql`
    insert into hosts (unit_id, hostname, source)
    select (select id from units order by code offset (g % ${UNITS + 1}) limit 1), 'h' || g, 'manual'
    from generate_series(0, ${Math.ceil(FINDINGS / 50) - 1}) g`);
  await database.db.execute(sql`
    insert into findings (host_id, unit_id, cve, product_name, match, status, severity, exploited, rule,
      confidence, due_at, first_seen_at, last_seen_at)
    select h.id, h.unit_id, 'CVE-2024-' || (10000 + g % 50), 'p', case when g % 17 = 0 then 'unknown' else 'vulnerable' end,
      (array['open','open','open','in_progress','risk_accepted','fixed'])[1 + g % 6],
      (array['critical','high','medium','low','none'])[1 + g % 5], g % 11 = 0, 'r', 'high',
      now() + ((g % 60) - 30) * interval '1 day', now(), now()
    from generate_series(0, ${FINDINGS - 1}) g
    join (select id, unit_id, row_number() over (order by hostname) - 1 as n from hosts) h on h.n = g / 50`);
  const summary = await median(() => summarizeFindings(sys));
  const snapshot = await median(() => snapshotFindingTrend(sys));
  // A year of daily points for the read: 365 days × every unit.
  await database.db.execute(sql`
    insert into finding_trend (day, unit_id, critical, high, medium, low, none, exploited, overdue, unknown, taken_at)
    select current_date - d, u.id, 1, 2, 3, 4, 0, 1, 1, 0, now()
    from generate_series(1, 364) d cross join units u`);
  const read = await median(() => findingTrend(sys, { days: 365 }));
  console.log(`findings ${FINDINGS}, units ${UNITS + 1}, median of ${RUNS} (ms)`);
  console.log(`summary query (baseline)   ${summary.toFixed(1)}`);
  console.log(`trend snapshot (write day) ${snapshot.toFixed(1)}  ratio ${(snapshot / summary).toFixed(2)}×`);
  console.log(`trend read, 365 days       ${read.toFixed(1)}  ratio ${(read / summary).toFixed(2)}×`);
  await database.close();
}

await main();
