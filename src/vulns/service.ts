import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import type { AdvisoryDocumentQuery, VulnerabilityQuery, VulnerabilitySummary } from './contract';
import { findVulnerability, listDocuments as listDocumentRows, listVulnerabilityRows } from './read-queries';

export async function listAdvisoryDocuments(ctx: Ctx, query: AdvisoryDocumentQuery) {
  const { items, total } = await listDocumentRows(ctx.db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function listVulnerabilities(
  ctx: Ctx,
  query: VulnerabilityQuery,
): Promise<Page<VulnerabilitySummary>> {
  const { items, total } = await listVulnerabilityRows(ctx.db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getVulnerability(ctx: Ctx, cve: string) {
  const found = await findVulnerability(ctx.db, cve);
  if (!found) throw new AppError('CVE_NOT_FOUND', { cve });
  return found;
}
