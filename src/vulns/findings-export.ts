import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Ctx } from '../core/context';
import { listFindings } from './findings';
import type { FindingQuery } from './findings-contract';

/** At most this many rows in one export: a province's whole estate, bounded so one request stays sane. */
export const EXPORT_LIMIT = 100_000;
const PAGE = 500;

const COLUMNS = [
  ['unit', 'Đơn vị / Unit', 24],
  ['hostname', 'Máy / Host', 18],
  ['cve', 'CVE', 16],
  ['title', 'Tên / Title', 40],
  ['productName', 'Sản phẩm / Product', 36],
  ['severity', 'Mức độ / Severity', 10],
  ['exploited', 'Đang bị khai thác / Exploited', 10],
  ['match', 'Kết luận / Verdict', 12],
  ['fixKb', 'KB sửa lỗi / Fix KB', 12],
  ['fixedBuild', 'Bản dựng sửa lỗi / Fixed build', 18],
  ['observed', 'Hiện trạng / Observed', 18],
  ['dueAt', 'Hạn xử lý / Due', 12],
  ['status', 'Trạng thái / Status', 14],
  ['statusReason', 'Lý do / Reason', 30],
] as const;

/** The findings list, same filters and scope as the API, one array of cells per finding. */
async function exportRows(ctx: Ctx, query: FindingQuery): Promise<string[][]> {
  const rows: string[][] = [];
  for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
    const result = await listFindings(ctx, { ...query, page, pageSize: PAGE });
    for (const f of result.items) {
      rows.push([
        f.unitName,
        f.hostname,
        f.cve,
        f.title ?? '',
        f.productName,
        f.severity,
        f.exploited ? 'yes' : '',
        f.match,
        f.fixKb ?? '',
        f.fixedBuild ?? '',
        f.observed ?? '',
        f.dueAt.toISOString().slice(0, 10),
        f.status,
        f.statusReason ?? '',
      ]);
    }
    if (result.items.length < PAGE) break;
  }
  return rows.slice(0, EXPORT_LIMIT);
}

/**
 * As CSV for a spreadsheet: UTF-8 with a byte order mark (Excel otherwise garbles Vietnamese),
 * bilingual headers, dates as YYYY-MM-DD.
 */
export async function exportFindingsCsv(ctx: Ctx, query: FindingQuery): Promise<string> {
  const rows = await exportRows(ctx, query);
  return `\uFEFF${stringify([COLUMNS.map(([, header]) => header), ...rows])}`;
}

/** As an XLSX workbook (one sheet, bold frozen header row, filters on): same rows as the CSV. */
export async function exportFindingsXlsx(ctx: Ctx, query: FindingQuery): Promise<Buffer> {
  const rows = await exportRows(ctx, query);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Canh Gác';
  const sheet = workbook.addWorksheet('Findings', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([key, header, width]) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  sheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
