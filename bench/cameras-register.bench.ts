/**
 * The camera register at a commune-sized-province scale: one unit with 2,000 cameras × 40 criteria
 * (80,000 checklist results), on in-memory PGlite.
 *   1. complianceSummary(ctx, unitId) (aggregates in SQL) against a naive baseline that loads every
 *      camera, criterion and result and counts in JavaScript, in the same run;
 *   2. the proposal dossier DOCX (renderAssessmentDossier: devices grouped by vendor/model) against a naive
 *      dossier that lists every camera as its own table row.
 *
 *   npx tsx bench/cameras-register.bench.ts [--cameras=2000] [--runs=5]
 *
 * No network at all: the database is in this process.
 */
import { performance } from 'node:perf_hooks';
import { proposeAssessment } from '../src/cameras/assessments-service';
import { createCriteriaSet, ensureBuiltinCriteria } from '../src/cameras/checklist-service';
import { complianceSummary } from '../src/cameras/compliance';
import { buildDossier } from '../src/cameras/dossier';
import { dossierInput, renderAssessmentDossier } from '../src/cameras/dossier-service';
import { defaultAnswers } from '../src/cameras/levels/index';
import { cameraCriteria, cameraCriterionResults, cameras } from '../src/cameras/schema';
import { createSystem } from '../src/cameras/systems-service';
import { systemCtx } from '../src/core/context';
import { createLogger } from '../src/core/log';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { renderDocx } from '../src/documents/render-docx';
import { bootstrapFirstAdmin } from '../src/units/bootstrap';
import { findRootUnit } from '../src/units/queries';
import { createUnit } from '../src/units/service';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CAMERAS = arg('cameras', 2000);
const RUNS = arg('runs', 5);
const STATUSES = ['pass', 'fail', 'not_applicable', 'unknown'] as const;
const VENDORS = ['Hikvision', 'Dahua', 'KBVision', 'Uniview', 'Yoosee', 'XiongMai'];

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
  const database = await openDatabase({});
  await migrateDatabase(database);
  const ctx = systemCtx(database.db, createLogger('silent'), 'bench');
  await bootstrapFirstAdmin(ctx, 'Bench-admin-password-1');
  const root = (await findRootUnit(database.db))!;
  const unit = await createUnit(ctx, {
    parentId: root.id,
    code: 'XA-BENCH',
    name: 'UBND xã Bench',
    kind: 'commune',
    issuerName: 'ỦY BAN NHÂN DÂN XÃ BENCH',
    placeName: 'Bench',
    signerAuthority: 'KT. CHỦ TỊCH',
    signerTitle: 'PHÓ CHỦ TỊCH',
  });
  await ensureBuiltinCriteria(ctx);
  // The built-in sets give 36 camera criteria; four more make it 40.
  await createCriteriaSet(ctx, {
    code: 'bench',
    version: '1',
    name: 'Bench',
    source: 'bench',
    mandatory: false,
    replacesOlder: false,
    criteria: [1, 2, 3, 4].map((i) => ({
      key: `bench.extra.item-${i}`,
      scope: 'camera' as const,
      check: 'manual' as const,
      titleVi: `Mục ${i}`,
      titleEn: null,
      reference: null,
    })),
  });
  const system = await createSystem(ctx, {
    unitId: unit.id,
    name: 'Camera toàn xã',
    cameraCount: CAMERAS,
  } as never);
  const rows = Array.from({ length: CAMERAS }, (_, i) => ({
    unitId: unit.id,
    systemId: system.id,
    vendor: VENDORS[i % VENDORS.length]!,
    model: `M-${i % 20}`,
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    location: `Điểm ${i % 50}`,
    source: 'csv' as const,
  }));
  const cams: { id: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    cams.push(
      ...(await database.db
        .insert(cameras)
        .values(rows.slice(i, i + 1000))
        .returning({ id: cameras.id })),
    );
  }
  const criteria = (
    await database.db.select({ id: cameraCriteria.id, scope: cameraCriteria.scope }).from(cameraCriteria)
  ).filter((c) => c.scope !== 'system');
  const results = cams.flatMap((cam, i) =>
    criteria.map((c, j) => ({
      unitId: unit.id,
      criterionId: c.id,
      cameraId: cam.id,
      status: STATUSES[(i * 7 + j * 3) % 4]!,
      evidenceKind: 'automated' as const,
      automatedSource: 'bench',
    })),
  );
  for (let i = 0; i < results.length; i += 5000) {
    await database.db.insert(cameraCriterionResults).values(results.slice(i, i + 5000));
  }
  console.log(`setup: ${CAMERAS} cameras × ${criteria.length} criteria = ${results.length} results`);

  const naiveSummary = async () => {
    const allCams = await database.db.select().from(cameras);
    const allCriteria = await database.db.select().from(cameraCriteria);
    const allResults = await database.db.select().from(cameraCriterionResults);
    const counts = { pass: 0, fail: 0, not_applicable: 0, unknown: 0 };
    const failures = new Map<string, number>();
    const byKey = new Map(allResults.map((r) => [`${r.cameraId}|${r.criterionId}`, r]));
    for (const cam of allCams) {
      for (const c of allCriteria) {
        if (c.scope === 'system') continue;
        const status = byKey.get(`${cam.id}|${c.id}`)?.status ?? 'unknown';
        counts[status]++;
        if (status === 'fail') failures.set(c.key, (failures.get(c.key) ?? 0) + 1);
      }
    }
    return { counts, top: [...failures.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10) };
  };
  const fast = await complianceSummary(ctx, unit.id);
  const slow = await naiveSummary();
  if (fast.counts.fail !== slow.counts.fail || fast.counts.pass !== slow.counts.pass) {
    throw new Error(`summaries differ: ${JSON.stringify(fast.counts)} vs ${JSON.stringify(slow.counts)}`);
  }
  const tFast = await median(RUNS, () => complianceSummary(ctx, unit.id));
  const tSlow = await median(RUNS, naiveSummary);
  console.log(
    `compliance summary: ${tFast.toFixed(1)} ms (SQL aggregates) vs ${tSlow.toFixed(1)} ms (naive, load and count) → ${(tSlow / tFast).toFixed(1)}× faster`,
  );

  const assessment = await proposeAssessment(ctx, system.id, {
    regime: 'nd85-2016',
    answers: defaultAnswers(),
  });
  const grouped = await renderAssessmentDossier(ctx, system.id, assessment.id, {});
  const tDossier = await median(RUNS, () => renderAssessmentDossier(ctx, system.id, assessment.id, {}));
  const input = await dossierInput(ctx, system.id, assessment.id, {});
  const perCamera = rows.map((r) => ({
    vendor: r.vendor,
    model: r.model,
    n: 1,
    locations: [r.location],
    ips: [r.ip],
  }));
  const naiveDoc = await renderDocx(buildDossier({ ...input, models: perCamera }));
  const tNaiveDoc = await median(RUNS, async () =>
    renderDocx(
      buildDossier({ ...(await dossierInput(ctx, system.id, assessment.id, {})), models: perCamera }),
    ),
  );
  console.log(
    `dossier DOCX: ${tDossier.toFixed(1)} ms, ${(grouped.content.length / 1024).toFixed(0)} KiB (devices by model) vs ${tNaiveDoc.toFixed(1)} ms, ${(naiveDoc.length / 1024).toFixed(0)} KiB (one row per camera) → ${(tNaiveDoc / tDossier).toFixed(1)}× faster`,
  );
  await database.close();
}

await main();
