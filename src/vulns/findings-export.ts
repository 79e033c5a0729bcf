import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../core/context';
import { listFindings } from './findings';
import type { FindingQuery } from './findings-contract';

/** At most this many rows in one export: a province's whole estate, bounded so one request stays sane. */
export const EXPORT_LIMIT = 100_000;
const PAGE = 500;

const COLUMNS = [
  ['unit', 'Đơn vị / Unit'],
  ['hostname', 'Máy / Host'],
  ['cve', 'CVE'],
  ['title', 'Tên / Title'],
  ['productName', 'Sản phẩm / Product'],
  ['severity', 'Mức độ / Severity'],
  ['exploited', 'Đang bị khai thác / Exploited'],
  ['match', 'Kết luận / Verdict'],
  ['fixKb', 'KB sửa lỗi / Fix KB'],
  ['fixedBuild', 'Bản dựng sửa lỗi / Fixed build'],
  ['observed', 'Hiện trạng / Observed'],
  ['dueAt', 'Hạn xử lý / Due'],
  ['status', 'Trạng thái / Status'],
  ['statusReason', 'Lý do / Reason'],
] as const;

/**
 * The findings list, same filters and scope as the API, as CSV for a spreadsheet: UTF-8 with a byte
 * order mark (Excel otherwise garbles Vietnamese), bilingual headers, dates as YYYY-MM-DD.
 */
export async function exportFindingsCsv(ctx: Ctx, query: FindingQuery): Promise<string> {
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
  return `\uFEFF${stringify([COLUMNS.map(([, header]) => header), ...rows.slice(0, EXPORT_LIMIT)])}`;
}
