/**
 * Detection's write path: the alerts of one ingest batch raised one transaction each (raiseAlert, the
 * old path) against one transaction for the batch (raiseAlerts), on the same embedded database in the
 * same run. A batch of N detections over G groups (repeats of one host land on one alert).
 *
 *   npx tsx bench/raise-batch.bench.ts [--n=300] [--groups=30] [--rounds=3]
 */
import { performance } from 'node:perf_hooks';
// The job registry first, as the server loads it: watch's escalation and the registry import each other.
import '../src/jobs/registry';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { createRootUnit, createUnit } from '../src/units/service';
import type { RaiseAlert } from '../src/watch/alerts/contract';
import { raiseAlerts } from '../src/watch/alerts/raise-batch';
import { raiseAlert } from '../src/watch/alerts/service';

const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const N = arg('n', 300);
const GROUPS = arg('groups', 30);
const ROUNDS = arg('rounds', 3);

const database = await openDatabase({});
await migrateDatabase(database);
const ctx = systemCtx(database.db, createLogger('silent'), 'bench');
const root = await createRootUnit(ctx, { code: 'ROOT', name: 'Gốc', kind: 'agency' } as never);
const unit = await createUnit(ctx, { parentId: root.id, code: 'XA', name: 'Xã', kind: 'agency' } as never);

const batch = (round: string): RaiseAlert[] =>
  Array.from({ length: N }, (_, i) => ({
    unitId: unit.id,
    ruleId: `rule-${round}`,
    ruleTitle: 'Bench rule',
    ruleAuthor: 'Bench Author',
    level: 'high',
    groupKey: `host-${i % GROUPS}`,
    events: [{ id: String(i) }],
    excerpt: 'x',
    at: new Date(Date.UTC(2026, 2, 15, 3, 0, i % 60)),
  }));

async function measure(label: string, work: () => Promise<unknown>) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${label.padEnd(28)} wall ${wall.toFixed(0).padStart(6)} ms  cpu ${cpuMs.toFixed(0).padStart(6)} ms  ${(N / (wall / 1000)).toFixed(0)} detections/s`,
  );
  return { wall, cpuMs };
}

const results = { single: { wall: 0, cpuMs: 0 }, batch: { wall: 0, cpuMs: 0 } };
for (let r = 0; r < ROUNDS; r++) {
  const a = await measure(`one transaction each (${r})`, async () => {
    for (const input of batch(`single-${r}`)) await raiseAlert(ctx, input);
  });
  const b = await measure(`one transaction (${r})`, () => raiseAlerts(ctx, batch(`batch-${r}`)));
  results.single.wall += a.wall;
  results.single.cpuMs += a.cpuMs;
  results.batch.wall += b.wall;
  results.batch.cpuMs += b.cpuMs;
}
console.log(
  `N=${N} groups=${GROUPS} rounds=${ROUNDS}: batch/single wall ${(results.batch.wall / results.single.wall).toFixed(3)}, cpu ${(results.batch.cpuMs / results.single.cpuMs).toFixed(3)} (lower is better)`,
);
await database.close();
