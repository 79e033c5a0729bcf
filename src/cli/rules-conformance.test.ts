import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, useCliDataDir } from '../../test/cli';
import { compileReport } from '../monitoring/detect/report';
import { loadRulePaths } from '../monitoring/detect/rule-files';
import { compileRuleSet } from '../monitoring/sigma';

/**
 * SigmaHQ-wide import conformance: the whole rule set through the real `canh-gac rules import` (a folder,
 * then a .tar.gz built on the fly) keeps exactly what the engine's compile report says compiles, and
 * refuses the rest with the same reasons. Read in place from ../shared/fixtures.
 */
const SIGMAHQ = path.resolve(__dirname, '../../../shared/fixtures/sigma/sigmahq');
const FOLDERS = [
  'rules',
  'rules-emerging-threats',
  'rules-threat-hunting',
  'rules-compliance',
  'rules-placeholder',
];
const present = fs.existsSync(path.join(SIGMAHQ, 'rules'));

type Imported = { imported: unknown[]; refused: Array<{ file: string; reason: string }>; skipped: number };

describe.skipIf(!present)('canh-gac rules import on the whole SigmaHQ set', () => {
  useCliDataDir('canhgac-cli-sigmahq-');
  const paths = FOLDERS.map((f) => path.join(SIGMAHQ, f)).filter((p) => fs.existsSync(p));

  it('imports the folders: counts equal the engine compile report', { timeout: 1_200_000 }, async () => {
    const loaded = loadRulePaths(paths);
    const set = compileRuleSet(loaded.documents);
    const report = compileReport(loaded.files, loaded.documents.length, loaded.rejected, set);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const res = await runCliCaptured('--json', 'rules', 'import', ...paths);
    const wallMs = performance.now() - started;
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as Imported;
    const byReason = (list: Array<{ reason: string }>) =>
      Object.fromEntries(
        [...new Set(list.map((r) => r.reason))]
          .sort()
          .map((k) => [k, list.filter((r) => r.reason === k).length]),
      );
    const engineByReason = Object.fromEntries(
      report.byReason.map((r) => [r.reason, r.count]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    console.log(
      JSON.stringify({
        files: loaded.files,
        imported: out.imported.length,
        refused: byReason(out.refused),
        engine: { compiled: report.compiled, rejected: engineByReason },
        wallMs: Math.round(wallMs),
        cpuMs: Math.round(cpuMs),
        load: os.loadavg().map((l) => l.toFixed(1)),
      }),
    );
    expect(out.imported.length + out.refused.length).toBe(loaded.files);
    expect(out.imported.length).toBe(report.compiled.rules + report.compiled.correlations);
    expect(byReason(out.refused)).toEqual(engineByReason);
  });

  it('the same set as a .tar.gz archive gives the same counts', { timeout: 1_200_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-sigmahq-tgz-'));
    try {
      const archive = path.join(dir, 'sigmahq.tar.gz');
      execFileSync('tar', [
        '-czf',
        archive,
        '-C',
        SIGMAHQ,
        ...FOLDERS.filter((f) => fs.existsSync(path.join(SIGMAHQ, f))),
      ]);
      const folder = JSON.parse(
        (await runCliCaptured('--json', 'rules', 'import', ...paths)).stdout,
      ) as Imported;
      const res = await runCliCaptured('--json', 'rules', 'import', archive);
      expect(res.code).toBe(0);
      const packed = JSON.parse(res.stdout) as Imported;
      expect(packed.imported.length).toBe(folder.imported.length);
      expect(packed.refused.length).toBe(folder.refused.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(present)('canh-gac rules import on the whole SigmaHQ set', () => {
  it('skips: ../shared/fixtures/sigma/sigmahq is absent', () => {
    expect(present).toBe(false);
  });
});
