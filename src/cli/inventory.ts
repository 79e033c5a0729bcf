import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../core/errors';
import type { HostCriticality, ImportSummary, InventoryDocument } from '../inventory/contract';
import { HostQuery } from '../inventory/contract';
import {
  importInventory,
  importInventoryCsv,
  listHosts,
  parseInventoryCsv,
  parseInventoryDocuments,
} from '../inventory/service';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printRows, UsageError, withContext } from './runtime';

type Upload = { file: string } & (
  | { kind: 'json'; documents: InventoryDocument[] }
  | { kind: 'csv'; csv: string }
);

/** JSON (an object or an array: what the collector writes) or CSV, told apart by the first character. */
function readUpload(file: string, lang: 'vi' | 'en'): Upload {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  const name = path.basename(file);
  const withFile = (error: unknown) =>
    error instanceof AppError
      ? new AppError(error.code, {
          ...error.params,
          problems: `${name}: ${String(error.params.problems ?? '')}`,
          line: `${name}:${String(error.params.line ?? '')}`,
        })
      : error;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new AppError('INVENTORY_INVALID', { problems: `${name}: ${(error as Error).message}` });
    }
    try {
      return { file, kind: 'json', documents: parseInventoryDocuments(raw, lang) };
    } catch (error) {
      throw withFile(error);
    }
  }
  try {
    parseInventoryCsv(text, lang);
  } catch (error) {
    throw withFile(error);
  }
  return { file, kind: 'csv', csv: text };
}

export function registerInventoryCommands(program: Command): void {
  const inventory = program.command('inventory').description('Kiểm kê máy / host inventory');

  inventory
    .command('import')
    .description(
      'Nhập tệp kiểm kê (JSON của bộ thu thập hoặc CSV) / import inventory files (collector JSON or CSV)',
    )
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .argument('<files...>', 'tệp .json hoặc .csv / .json or .csv files')
    .action(async (files: string[], opts, command: Command) => {
      const options = globalOptions(command);
      // Every file is read and validated before anything is written.
      const uploads = files.map((file) => readUpload(file, options.lang));
      await withContext(options, async (ctx) => {
        const unitId = await resolveUnitId(ctx, opts.unit);
        const rows: (ImportSummary['hosts'][number] & { file: string })[] = [];
        for (const upload of uploads) {
          const summary =
            upload.kind === 'json'
              ? await importInventory(ctx, unitId, upload.documents, 'collector')
              : await importInventoryCsv(ctx, unitId, upload.csv);
          rows.push(...summary.hosts.map((h) => ({ ...h, file: path.basename(upload.file) })));
        }
        printRows(options, rows, [
          ['file', (r) => r.file],
          ['hostname', (r) => r.hostname],
          ['status', (r) => r.status],
          ['id', (r) => r.id],
        ]);
      });
    });

  const hosts = program.command('hosts').description('Máy trong đơn vị / hosts');
  hosts
    .command('list')
    .description('Liệt kê máy / list hosts')
    .option('--unit <unit>', 'đơn vị và các đơn vị dưới nó / unit and its sub-units (code or id)')
    .option('--q <text>', 'tên máy hoặc đầu địa chỉ IP / host name or IP prefix')
    .option('--build <n>', 'số bản dựng Windows / Windows build, e.g. 19045')
    .option('--stale-days <n>', 'chưa kiểm kê trong N ngày / no inventory for N days')
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng mỗi trang / rows per page', '500')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          HostQuery,
          {
            unitId,
            q: opts.q,
            build: opts.build,
            staleDays: opts.staleDays,
            page: opts.page,
            pageSize: opts.pageSize,
          },
          options.lang,
        );
        const page = await listHosts(ctx, query);
        printRows(options, page.items, [
          ['hostname', (h) => h.hostname],
          ['os', (h) => h.productName],
          ['build', (h) => (h.build === null ? null : h.ubr === null ? h.build : `${h.build}.${h.ubr}`)],
          ['ips', (h) => h.ips.join(' ') || null],
          ['criticality', (h): HostCriticality => h.criticality],
          ['last inventory', (h) => h.lastInventoryAt],
          ['id', (h) => h.id],
        ]);
      });
    });
}
