import type { Ctx } from '../core/context';
import type { Page } from '../core/pagination';
import { loadUnitInScope } from '../units/service';
import type { AuditEntry, AuditQuery } from './contract';
import { listAuditRows } from './queries';

/** The root's users (path "/<root>/") and the platform itself also see rows tied to no unit. */
function seesUnitlessRows(ctx: Ctx): boolean {
  return ctx.unitPath === null || ctx.unitPath.split('/').length === 3;
}

export async function listAudit(ctx: Ctx, query: AuditQuery): Promise<Page<AuditEntry>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total } = await listAuditRows(
    ctx.db,
    { path: ctx.unitPath, includeUnitless: seesUnitlessRows(ctx) },
    query,
  );
  return {
    items: items.map(({ prevHash: _p, ...row }) => row),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
