import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { recordAudit } from '../core/audit';
import { canonicalJson } from '../core/canonical-json';
import { type Ctx, inTransaction } from '../core/context';
import { AppError, type Lang } from '../core/errors';
import { describeZodProblems } from '../core/zod-messages';
import { loadUnitInScope } from '../units/service';
import { requestRematch } from '../vulns/findings';
import {
  CsvHostRow,
  type HostSource,
  type ImportSummary,
  type InventoryDocument,
  InventoryDocuments,
} from './contract';
import {
  findHostByHostname,
  findHostByMachineId,
  type HostInsert,
  type HostRow,
  insertHost,
  insertSnapshot,
  latestSnapshotHash,
  lockUnitInventory,
  replaceHostHotfixes,
  replaceHostSoftware,
  updateHostRow,
} from './queries';

type HostStatus = ImportSummary['hosts'][number]['status'];
type HostOutcome = ImportSummary['hosts'][number];

const MAX_PROBLEMS = 10;

/** "documents.3.os.ubr: reason; …" in the caller's language, at most ten problems. */
function describeIssues(schema: z.ZodType, data: unknown, prefix: string, lang: Lang): string | undefined {
  const problems = describeZodProblems(schema, data, prefix)?.[lang];
  if (!problems) return undefined;
  const lines = problems.slice(0, MAX_PROBLEMS).map((p) => `${p.field}: ${p.message}`);
  if (problems.length > MAX_PROBLEMS) lines.push(`(+${problems.length - MAX_PROBLEMS})`);
  return lines.join('; ');
}

/**
 * Validates raw documents (one object or an array) with the contract. Throws INVENTORY_INVALID naming
 * `documents.<index>.<field>` and the reason; returns the normalised documents.
 */
export function parseInventoryDocuments(raw: unknown, lang: Lang = 'en'): InventoryDocument[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const parsed = InventoryDocuments.safeParse(list);
  if (parsed.success) return parsed.data;
  throw new AppError('INVENTORY_INVALID', {
    problems: describeIssues(InventoryDocuments, list, 'documents', lang),
  });
}

/** The content hash of an inventory: collectedAt is left out, so the same machine state re-sent is "unchanged". */
export function inventoryHash(content: Record<string, unknown>): string {
  const { collectedAt: _collectedAt, ...rest } = content;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** The host columns a collector document sets (never owner, location, criticality: people keep those). */
function columnsFromDocument(doc: InventoryDocument): Omit<HostInsert, 'unitId' | 'source'> {
  return {
    ...(doc.machineId ? { machineId: doc.machineId } : {}),
    hostname: doc.hostname,
    domain: doc.domain ?? null,
    productName: doc.os.productName,
    editionId: doc.os.editionId ?? null,
    displayVersion: doc.os.displayVersion ?? null,
    build: doc.os.currentBuild,
    ubr: doc.os.ubr ?? null,
    architecture: doc.os.architecture ?? null,
    installationType: doc.os.installationType ?? null,
    hotpatch: doc.os.hotpatch ?? null,
    officeC2rVersion: doc.office?.clickToRun?.version ?? null,
    officeC2rChannel: doc.office?.clickToRun?.channel ?? null,
    officeC2rPlatform: doc.office?.clickToRun?.platform ?? null,
    officeMsiFiles: doc.office?.msiFiles ?? {},
    exchangeVersion: doc.exchange?.version ?? null,
    ips: doc.ips,
  };
}

async function replaceRows(tx: Ctx, hostId: string, doc: InventoryDocument): Promise<void> {
  await replaceHostSoftware(
    tx.db,
    hostId,
    doc.programs.map((p) => ({
      name: p.name,
      version: p.version ?? null,
      publisher: p.publisher ?? null,
      installDate: p.installDate ?? null,
    })),
  );
  await replaceHostHotfixes(
    tx.db,
    hostId,
    doc.hotfixes.map((h) => ({ kb: h.id, installedOn: h.installedOn ?? null })),
  );
}

/** Identity within the unit: the machine id first; else the name (a named host no collector has claimed yet). */
async function findExisting(tx: Ctx, unitId: string, doc: InventoryDocument): Promise<HostRow | undefined> {
  if (doc.machineId) {
    const byMachine = await findHostByMachineId(tx.db, unitId, doc.machineId);
    if (byMachine) return byMachine;
    return findHostByHostname(tx.db, unitId, doc.hostname, { withoutMachineId: true });
  }
  return findHostByHostname(tx.db, unitId, doc.hostname);
}

async function importDocument(
  tx: Ctx,
  unitId: string,
  doc: InventoryDocument,
  source: HostSource,
): Promise<HostOutcome> {
  const hash = inventoryHash(doc);
  const collectedAt = new Date(doc.collectedAt);
  const existing = await findExisting(tx, unitId, doc);
  let host: HostRow;
  let status: HostStatus;
  if (!existing) {
    host = await insertHost(tx.db, {
      ...columnsFromDocument(doc),
      unitId,
      source,
      lastInventoryAt: collectedAt,
    });
    status = 'created';
  } else if (existing.lastInventoryAt && collectedAt < existing.lastInventoryAt) {
    // An older inventory arriving late never overwrites a newer one.
    host = existing;
    status = 'outdated';
  } else {
    const changed = (await latestSnapshotHash(tx.db, existing.id, source)) !== hash;
    host = await updateHostRow(tx.db, existing.id, {
      ...columnsFromDocument(doc),
      source,
      lastInventoryAt: collectedAt,
    });
    status = changed ? 'updated' : 'unchanged';
  }
  if (status === 'created' || status === 'updated') {
    await replaceRows(tx, host.id, doc);
    await insertSnapshot(tx.db, { hostId: host.id, source, collectedAt, inventory: doc, contentHash: hash });
  }
  await recordAudit(tx, {
    action: 'inventory.import',
    targetType: 'host',
    targetId: host.id,
    unitId,
    details: {
      hostname: doc.hostname,
      machineId: doc.machineId ?? null,
      status,
      source,
      collectedAt: doc.collectedAt,
      build: doc.os.currentBuild,
      ubr: doc.os.ubr ?? null,
      programs: doc.programs.length,
      hotfixes: doc.hotfixes.length,
      contentHash: hash,
    },
  });
  return { id: host.id, hostname: host.hostname, status };
}

function summarise(hosts: HostOutcome[]): ImportSummary {
  return {
    created: hosts.filter((h) => h.status === 'created').length,
    updated: hosts.filter((h) => h.status === 'updated').length,
    unchanged: hosts.filter((h) => h.status === 'unchanged' || h.status === 'outdated').length,
    hosts,
  };
}

function targetUnit(ctx: Ctx, unitId: string | null | undefined): string {
  const id = unitId ?? ctx.unitId;
  if (!id) throw new AppError('INVENTORY_UNIT_REQUIRED');
  return id;
}

/**
 * Imports one upload of inventory documents into a unit (default: the caller's own unit), all or
 * nothing: validation first (a bad document fails the upload, naming its index and field), then one
 * transaction that upserts each host by identity, replaces its programs and hotfixes when the content
 * changed, appends a snapshot only then, and writes one audit row per host.
 */
export async function importInventory(
  ctx: Ctx,
  unitId: string | null | undefined,
  documents: unknown,
  source: HostSource = 'collector',
): Promise<ImportSummary> {
  const docs = parseInventoryDocuments(documents, ctx.lang);
  const target = targetUnit(ctx, unitId);
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, target);
    await lockUnitInventory(tx.db, target);
    const outcomes: HostOutcome[] = [];
    for (const doc of docs) outcomes.push(await importDocument(tx, target, doc, source));
    // Changed hosts are matched against the advisories again, in the background (same transaction:
    // no import without its re-match, no re-match of an import that rolled back).
    const changed = outcomes.filter((h) => h.status === 'created' || h.status === 'updated').map((h) => h.id);
    if (changed.length > 0) await requestRematch(tx, changed);
    return summarise(outcomes);
  });
}

// ---- CSV: hand-kept lists --------------------------------------------------------------------------

export const CSV_COLUMNS = [
  'hostname',
  'ip',
  'os',
  'build',
  'ubr',
  'owner',
  'location',
  'criticality',
] as const;
const COLUMN_ALIASES: Record<string, (typeof CSV_COLUMNS)[number]> = {
  hostname: 'hostname',
  host: 'hostname',
  name: 'hostname',
  ip: 'ip',
  ips: 'ip',
  os: 'os',
  build: 'build',
  ubr: 'ubr',
  owner: 'owner',
  location: 'location',
  criticality: 'criticality',
};
const MAX_CSV_ROWS = 20_000;

function csvError(line: number | string, reason: string): AppError {
  return new AppError('INVENTORY_CSV_INVALID', { line, reason });
}

/**
 * Parses a hand-kept CSV list (header row required; "," or ";" separated; UTF-8 with or without BOM).
 * Throws INVENTORY_CSV_INVALID naming the line and the reason.
 */
export function parseInventoryCsv(csv: string, lang: Lang = 'en'): { line: number; row: CsvHostRow }[] {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(csv, {
      bom: true,
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw csvError(e.lines ?? '?', (e.message ?? String(error)).replace(/^Invalid [^:]*:\s*/, ''));
  }
  const [header, ...rows] = records;
  if (!header) throw csvError(1, 'empty file');
  const columns = header.record.map((h) => COLUMN_ALIASES[h.trim().toLowerCase()]);
  const unknown = header.record.filter((_, i) => !columns[i]);
  if (unknown.length > 0) {
    throw csvError(1, `unknown column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(', ')}`);
  }
  if (!columns.includes('hostname')) throw csvError(1, 'the hostname column is required');
  if (rows.length > MAX_CSV_ROWS)
    throw csvError(rows[MAX_CSV_ROWS]!.info.lines, `more than ${MAX_CSV_ROWS} rows`);
  if (rows.length === 0) throw csvError(2, 'no rows under the header');
  return rows.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column) cells[column] = record[i] ?? '';
    });
    const { ip, ...rest } = cells;
    const data = { ...rest, ips: (ip ?? '').split(/[\s;,]+/).filter(Boolean) };
    const problems = describeIssues(CsvHostRow, data, 'column', lang);
    if (problems) throw csvError(info.lines, problems.replace(/column\.ips(\.\d+)?/g, 'column.ip'));
    return { line: info.lines, row: CsvHostRow.parse(data) };
  });
}

async function importCsvRow(tx: Ctx, unitId: string, row: CsvHostRow): Promise<HostOutcome> {
  const content: Record<string, unknown> = { ...row };
  const hash = inventoryHash(content);
  const existing = await findHostByHostname(tx.db, unitId, row.hostname);
  // People's fields come from the list whenever it gives them; OS facts only for hosts no collector reports.
  const people = {
    ...(row.owner !== undefined ? { owner: row.owner } : {}),
    ...(row.location !== undefined ? { location: row.location } : {}),
    ...(row.criticality !== undefined ? { criticality: row.criticality } : {}),
  };
  const facts = {
    ...(row.os !== undefined ? { productName: row.os } : {}),
    ...(row.build !== undefined ? { build: row.build } : {}),
    ...(row.ubr !== undefined ? { ubr: row.ubr } : {}),
    ...(row.ips.length > 0 ? { ips: row.ips } : {}),
  };
  let host: HostRow;
  let status: HostStatus;
  if (!existing) {
    host = await insertHost(tx.db, { unitId, hostname: row.hostname, source: 'csv', ...facts, ...people });
    status = 'created';
  } else {
    const changed = (await latestSnapshotHash(tx.db, existing.id, 'csv')) !== hash;
    host = changed
      ? await updateHostRow(tx.db, existing.id, {
          ...(existing.source === 'collector' ? {} : facts),
          ...people,
        })
      : existing;
    status = changed ? 'updated' : 'unchanged';
  }
  if (status !== 'unchanged') {
    await insertSnapshot(tx.db, { hostId: host.id, source: 'csv', inventory: content, contentHash: hash });
  }
  await recordAudit(tx, {
    action: 'inventory.import',
    targetType: 'host',
    targetId: host.id,
    unitId,
    details: { hostname: row.hostname, status, source: 'csv', contentHash: hash },
  });
  return { id: host.id, hostname: host.hostname, status };
}

/** Imports a hand-kept CSV list into a unit, all or nothing, one audit row per host. */
export async function importInventoryCsv(
  ctx: Ctx,
  unitId: string | null | undefined,
  csv: string,
): Promise<ImportSummary> {
  const rows = parseInventoryCsv(csv, ctx.lang);
  const target = targetUnit(ctx, unitId);
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, target);
    await lockUnitInventory(tx.db, target);
    const outcomes: HostOutcome[] = [];
    for (const { row } of rows) outcomes.push(await importCsvRow(tx, target, row));
    return summarise(outcomes);
  });
}
