/**
 * Incidents on PGlite (a temporary folder, as the server runs it):
 *   1. the case list sorted by computed deadline (listIncidents) with N cases in scope, against the plain
 *      SQL select of the same rows (findIncidentsInScope) in the same run: the cost of computing deadlines in memory;
 *   2. generating one Thông báo sự cố as DOCX and storing it (generateReport), against rendering the renderer's own
 *      example document (renderDocx) in the same run.
 *
 *   npx tsx bench/incidents.bench.ts [--cases=2000] [--runs=20]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { exampleIncidentReport } from '../src/documents/example';
import { renderDocx } from '../src/documents/render-docx';
import { findIncidentsInScope } from '../src/incidents/queries';
import { generateReport, saveReportDraft } from '../src/incidents/reports';
import { incidents } from '../src/incidents/schema';
import { listIncidents } from '../src/incidents/service';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CASES = arg('cases', 2000);
const RUNS = arg('runs', 20);

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-incidents-'));
  const database = await openDatabase({ pgliteDir: dir });
  try {
    await migrateDatabase(database);
    const sys = systemCtx(database.db, createLogger('silent'), 'bench');
    await bootstrapFirstAdmin(sys, 'Bench-password-for-incidents-1');
    const root = (await findRootUnit(database.db))!;
    const base = new Date('2026-01-01T00:00:00+07:00').getTime();
    const rows = Array.from({ length: CASES }, (_, i) => ({
      unitId: root.id,
      reference: `SC-2026-${String(i + 1).padStart(5, '0')}`,
      title: `Sự cố ${i}`,
      category: 'malware' as const,
      severity: 'medium' as const,
      regime: 'nd85-2016' as const,
      status: i % 3 === 0 ? ('closed' as const) : ('triage' as const),
      detectedAt: new Date(base + i * 3_600_000),
      beyondCapacity: i % 5 === 0,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await database.db.insert(incidents).values(rows.slice(i, i + 500));
    const query = { page: 1, pageSize: 50 };
    const list = await median(RUNS, () => listIncidents(sys, query));
    const select = await median(RUNS, () => findIncidentsInScope(database.db, { unitPath: null }));
    const id = (await findIncidentsInScope(database.db, { unitPath: null }))[0]!.id;
    await saveReportDraft(sys, id, 'thong_bao', {
      fields: { signerName: 'Nguyễn Văn An', system: 'Cổng', description: 'x' },
    });
    const generate = await median(Math.min(RUNS, 10), () => generateReport(sys, id, 'thong_bao'));
    const render = await median(Math.min(RUNS, 10), () => renderDocx(exampleIncidentReport()));
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`cases ${CASES}, runs ${RUNS}, peak RSS ~${rss} MiB`);
    console.log(
      `list (sorted by deadline, page 1): ${list.toFixed(1)} ms | plain select: ${select.toFixed(1)} ms | ratio ${(list / select).toFixed(2)}x`,
    );
    console.log(
      `generate Thông báo (render + store + audit): ${generate.toFixed(1)} ms | renderDocx example: ${render.toFixed(1)} ms | ratio ${(generate / render).toFixed(2)}x`,
    );
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
