/**
 * The consolidated report of a directive for 50 units × 30 tasks (~20 A4 pages), on in-memory PGlite:
 *   1. reportData: gathering assignments, latest answers and evidence from the database;
 *   2. reportDocument + renderDocx: building the model and rendering the DOCX;
 *   3. generateReport end to end (gather, render, store the file, audit), as the API runs it;
 * against a baseline measured in the same run: renderDocx on plain paragraphs holding the same text.
 *
 *   npx tsx bench/directives-report.bench.ts [--units=50] [--tasks=30] [--runs=5]
 *
 * No network at all. Figures: median of the runs (wall time, and the process CPU time of that same run:
 * user + system from process.cpuUsage, so that a loaded machine shows as wall ≫ CPU), heap growth of
 * one render, peak RSS of the process, and the load average when the bench started.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { inArray } from 'drizzle-orm';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { type ReportTask, reportDocument } from '../src/directives/documents';
import { documentSettings, generateReport, reportData } from '../src/directives/generate';
import { taskAnswers, taskAssignments } from '../src/directives/schema';
import { assignTasks, createDirective, getDirective } from '../src/directives/service';
import { REPORT_REQUEST } from '../src/directives/test-fixtures';
import type { OfficialDocument } from '../src/documents/contract';
import { renderDocx } from '../src/documents/render-docx';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit, findUnitById } from '../src/units/queries';
import { createUnit } from '../src/units/service';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const UNITS = arg('units', 50);
const TASKS = arg('tasks', 30);
const RUNS = arg('runs', 5);
// A4, 14 pt Times New Roman, 1.2 lines, the decree margins: about 38 lines of ~75 characters a page.
const CHARS_PER_PAGE = 2_800;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

type Timed<T> = { ms: number; cpuMs: number; value: T };

/** The median run by wall time, with the CPU time this process spent in that same run. */
async function time<T>(runs: number, work: () => Promise<T>): Promise<Timed<T>> {
  const samples: { ms: number; cpuMs: number }[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    value = await work();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    samples.push({ ms, cpuMs: (used.user + used.system) / 1000 });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return { ...samples[Math.floor(samples.length / 2)]!, value: value! };
}

const figures = (t: { ms: number; cpuMs: number }) =>
  `${t.ms.toFixed(1).padStart(9)} ms wall ${t.cpuMs.toFixed(1).padStart(9)} ms CPU`;

function textOf(doc: OfficialDocument): string[] {
  return doc.body.flatMap((block) =>
    block.type === 'list'
      ? block.items
      : block.type === 'table'
        ? block.rows.map((r) => r.join(' '))
        : [block.text],
  );
}

async function seed() {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const sys = systemCtx(database.db, createLogger('silent'), 'bench');
  await bootstrapFirstAdmin(sys, 'Bench-password-long-1');
  const root = (await findRootUnit(database.db))!;
  const district = await createUnit(sys, {
    parentId: root.id,
    code: 'KS',
    name: 'UBND huyện Kim Sơn',
    kind: 'district',
    issuerName: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN',
    placeName: 'Kim Sơn',
  });
  const communes = [];
  for (let i = 1; i <= UNITS; i++) {
    communes.push(
      await createUnit(sys, {
        parentId: district.id,
        code: `XA${i}`,
        name: `UBND xã số ${i}`,
        kind: 'commune',
      }),
    );
  }
  const directive = await createDirective(sys, {
    unitId: district.id,
    number: '285/STTTT-CNBCVT',
    issuer: 'Sở Thông tin và Truyền thông',
    issuedOn: '2023-03-21',
    subject: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft',
    tasks: Array.from({ length: TASKS }, (_, i) => ({
      text: `Nhiệm vụ số ${i + 1}: rà soát, khắc phục và báo cáo kết quả bảo đảm an toàn thông tin theo hướng dẫn`,
      evidenceKind: i % 10 === 1 ? ('watch_roster' as const) : null,
    })),
  });
  const taskIds = (await getDirective(sys, directive.id)).tasks.map((t) => t.id);
  await assignTasks(sys, directive.id, {
    taskIds,
    unitIds: communes.map((c) => c.id),
    deadline: '2023-04-01',
  });
  // Answers written in bulk (the answer path itself is not what is measured): a third done with a text,
  // some cannot-do with a reason, some in progress, the rest never answered (overdue in the report).
  const assignments = await database.db.select().from(taskAssignments);
  const answers: (typeof taskAnswers.$inferInsert)[] = [];
  assignments.forEach((a, n) => {
    const pick = n % 20;
    if (pick < 15)
      answers.push({
        assignmentId: a.id,
        status: 'done',
        text: pick < 4 ? `Đã hoàn thành, biên bản số ${n} ngày 30/3/2023` : null,
      });
    else if (pick === 15)
      answers.push({ assignmentId: a.id, status: 'cannot_do', reason: 'Thiếu nhân lực chuyên trách' });
    else if (pick < 18) answers.push({ assignmentId: a.id, status: 'in_progress' });
  });
  for (let i = 0; i < answers.length; i += 500)
    await database.db.insert(taskAnswers).values(answers.slice(i, i + 500));
  for (const status of ['done', 'cannot_do', 'in_progress'] as const) {
    const ids = answers.filter((a) => a.status === status).map((a) => a.assignmentId);
    await database.db.update(taskAssignments).set({ status }).where(inArray(taskAssignments.id, ids));
  }
  const unit = documentSettings((await findUnitById(database.db, district.id))!);
  return { database, sys, directive, unit };
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(2));
  const seedCpu = process.cpuUsage();
  const seedStart = performance.now();
  const { database, sys, directive, unit } = await seed();
  const seedMs = performance.now() - seedStart;
  const seedUsed = process.cpuUsage(seedCpu);
  const seeded = { ms: seedMs, cpuMs: (seedUsed.user + seedUsed.system) / 1000 };
  const rssAfterSeed = process.memoryUsage().rss;
  const detail = await getDirective(sys, directive.id);

  const gather = await time(RUNS, () => reportData(sys, directive.id));
  const model = reportDocument(
    detail,
    unit,
    gather.value as { tasks: ReportTask[]; late: never[]; units: number },
    {
      ...REPORT_REQUEST,
      recipients: [detail.issuer],
    },
  );
  const chars = textOf(model).join('').length;
  const heapBefore = process.memoryUsage().heapUsed;
  const render = await time(RUNS, () => renderDocx(model));
  const heapAfter = process.memoryUsage().heapUsed;
  const endToEnd = await time(RUNS, () => generateReport(sys, directive.id, REPORT_REQUEST));

  // Baseline: the same text as plain paragraphs of the same average length, through the same renderer.
  const pieces = textOf(model);
  const average = Math.max(1, Math.round(chars / pieces.length));
  const plain = 'Rà soát an toàn thông tin mạng '.repeat(Math.ceil(chars / 31)).slice(0, chars);
  const paragraphs = Array.from({ length: pieces.length }, (_, i) => ({
    type: 'paragraph' as const,
    text: plain.slice(i * average, (i + 1) * average).trim() || 'x',
  }));
  const baseline = await time(RUNS, () => renderDocx({ ...model, body: paragraphs }));

  clearInterval(sampler);
  const ratios = (a: Timed<unknown>, b: Timed<unknown>) =>
    `${(a.ms / b.ms).toFixed(2)}× wall, ${(a.cpuMs / b.cpuMs).toFixed(2)}× CPU`;
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const rows = [
    ['load average (1, 5, 15 min) at start', load.join(' ')],
    [`seed (${UNITS} units, ${TASKS} tasks, answers)`, figures(seeded)],
    ['reportData (database)', figures(gather)],
    ['renderDocx of the report', figures(render)],
    ['generateReport end to end', figures(endToEnd)],
    ['baseline: renderDocx, same text as plain paragraphs', figures(baseline)],
    ['ratio render / baseline (wall, CPU)', ratios(render, baseline)],
    ['ratio end to end / baseline (wall, CPU)', ratios(endToEnd, baseline)],
    ['DOCX size', `${(render.value.length / 1024).toFixed(0)} KiB`],
    ['body text / estimated pages', `${chars} chars / ~${Math.round(chars / CHARS_PER_PAGE)} pages`],
    ['heap growth over the renders', `${mib(heapAfter - heapBefore)} MiB`],
    ['RSS after seeding (PGlite in memory)', `${mib(rssAfterSeed)} MiB`],
    ['peak RSS', `${mib(peakRss)} MiB`],
  ];
  for (const [label, value] of rows) process.stdout.write(`${(label ?? '').padEnd(54)} ${value}\n`);
  await database.close();
}

await main();
