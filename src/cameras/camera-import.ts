import { parse as parseCsv } from 'csv-parse/sync';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError, type Lang } from '../core/errors';
import { describeZodProblems } from '../core/zod-messages';
import { loadUnitInScope } from '../units/service';
import {
  CAMERA_CSV_COLUMNS,
  type CameraCsvRow,
  type CameraImportSummary,
  CameraCsvRow as RowSchema,
} from './camera-contract';
import {
  findCameraByIdentity,
  findSystemByName,
  insertCamera,
  lockUnitCameras,
  updateCameraRow,
} from './queries';

const MAX_ROWS = 20_000;
const MAX_PROBLEMS = 20;
export type ParsedRow = { line: number; row: CameraCsvRow };

function problem(lang: Lang, line: number, text: string) {
  return lang === 'vi' ? `dòng ${line}: ${text}` : `line ${line}: ${text}`;
}

function fail(problems: string[]): never {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`(+${problems.length - MAX_PROBLEMS})`);
  throw new AppError('CAMERA_CSV_INVALID', { problems: shown.join('; '), lines: problems.length });
}

/**
 * Reads a camera list (header row required; column names as CAMERA_CSV_COLUMNS, case-insensitive) and
 * validates every row before anything is written: all bad rows are reported by line, then nothing is kept.
 */
export function parseCameraCsv(text: string, lang: Lang = 'vi'): ParsedRow[] {
  let records: { record: Record<string, string>; line: number }[];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
      delimiter: [',', ';'],
    }) as { record: Record<string, string>; info: { lines: number } }[] as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    fail([problem(lang, e.lines ?? 1, e.message)]);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((h) => !CAMERA_CSV_COLUMNS.includes(h));
  if (unknown.length > 0)
    fail([problem(lang, 1, `${unknown.join(', ')} ∉ ${CAMERA_CSV_COLUMNS.join(', ')}`)]);
  if (records.length > MAX_ROWS) fail([problem(lang, MAX_ROWS + 2, `> ${MAX_ROWS}`)]);
  const problems: string[] = [];
  const rows: ParsedRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records as unknown as {
    record: Record<string, string>;
    info: { lines: number };
  }[]) {
    const line = info.lines;
    const parsed = RowSchema.safeParse(record);
    if (!parsed.success) {
      const issues = describeZodProblems(RowSchema, record, '')?.[lang] ?? [];
      problems.push(
        problem(lang, line, issues.map((p) => `${p.field.replace(/^\./, '')}: ${p.message}`).join(', ')),
      );
      continue;
    }
    const row = parsed.data;
    if (!row.mac && !row.serial && !row.ip) {
      problems.push(
        problem(lang, line, lang === 'vi' ? 'cần ít nhất mac, serial hoặc ip' : 'needs mac, serial or ip'),
      );
      continue;
    }
    for (const key of [row.mac && `mac ${row.mac}`, row.serial && `serial ${row.serial}`].filter(
      Boolean,
    ) as string[]) {
      const first = seen.get(key);
      if (first) problems.push(problem(lang, line, `${key} = ${lang === 'vi' ? 'dòng' : 'line'} ${first}`));
      else seen.set(key, line);
    }
    rows.push({ line, row });
  }
  if (problems.length > 0) fail(problems);
  return rows;
}

/** Imports a parsed list in one transaction: a row matching a camera (MAC, serial, IP) updates it. */
export async function importCamerasCsv(
  ctx: Ctx,
  unitId: string | undefined,
  csv: string,
): Promise<CameraImportSummary> {
  const target = unitId ?? ctx.unitId;
  if (!target) throw new AppError('CAMERA_UNIT_REQUIRED');
  const rows = parseCameraCsv(csv, ctx.lang);
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, target);
    await lockUnitCameras(tx.db, target);
    const systems = new Map<string, string>();
    const problems: string[] = [];
    for (const { line, row } of rows) {
      if (!row.system || systems.has(row.system.toLowerCase())) continue;
      const system = await findSystemByName(tx.db, target, row.system);
      if (system) systems.set(row.system.toLowerCase(), system.id);
      else problems.push(problem(tx.lang, line, `system "${row.system}" ?`));
    }
    if (problems.length > 0) fail(problems);
    const summary: CameraImportSummary = { created: 0, updated: 0, cameras: [] };
    for (const { line, row } of rows) {
      const { system, ...fields } = row;
      const values = { ...fields, systemId: system ? systems.get(system.toLowerCase())! : null };
      const existing = await findCameraByIdentity(tx.db, target, row);
      const saved = existing
        ? await updateCameraRow(tx.db, existing.id, values)
        : await insertCamera(tx.db, { ...values, unitId: target, source: 'csv' });
      summary[existing ? 'updated' : 'created']++;
      summary.cameras.push({ line, id: saved.id, status: existing ? 'updated' : 'created' });
    }
    await recordAudit(tx, {
      action: 'camera.import_csv',
      targetType: 'unit',
      targetId: target,
      unitId: target,
      details: { rows: rows.length, created: summary.created, updated: summary.updated },
    });
    return summary;
  });
}
