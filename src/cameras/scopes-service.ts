import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { loadUnitInScope } from '../units/service';
import { findScope, listScopeRows, type ScopeRow, upsertScope } from './queries';
import type { ScanScope, ScanScopeBody } from './scope-contract';
import { normaliseCidr, normaliseHost } from './scope-rules';

/** Whether the caller may start a scan: their role is allowed, or they are named (platform actors always). */
export function mayScan(ctx: Ctx, row: Pick<ScopeRow, 'allowedRoles' | 'allowedUserIds'>): boolean {
  if (ctx.actor.type === 'system') return true;
  return (
    row.allowedRoles.includes(ctx.role) ||
    (ctx.actor.id !== null && row.allowedUserIds.includes(ctx.actor.id))
  );
}

function toScope(ctx: Ctx, row: ScopeRow): ScanScope {
  return {
    unitId: row.unitId,
    cidrs: row.cidrs,
    hosts: row.hosts,
    allowedRoles: row.allowedRoles as ScanScope['allowedRoles'],
    allowedUserIds: row.allowedUserIds,
    note: row.note,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
    mayScan: mayScan(ctx, row),
  };
}

function emptyScope(unitId: string): ScanScope {
  return {
    unitId,
    cidrs: [],
    hosts: [],
    allowedRoles: [],
    allowedUserIds: [],
    note: null,
    updatedBy: null,
    updatedAt: null,
    mayScan: false,
  };
}

/** Validates and canonicalises every entry; the first bad one is refused with its reason. */
function normalise(ctx: Ctx, input: ScanScopeBody) {
  const cidrs: string[] = [];
  const hosts: string[] = [];
  for (const entry of input.cidrs) {
    const r = normaliseCidr(entry);
    if ('reason' in r) throw new AppError('SCAN_SCOPE_INVALID', { entry, reason: r.reason[ctx.lang] });
    if (!cidrs.includes(r.cidr)) cidrs.push(r.cidr);
  }
  for (const entry of input.hosts) {
    const r = normaliseHost(entry);
    if ('reason' in r) throw new AppError('SCAN_SCOPE_INVALID', { entry, reason: r.reason[ctx.lang] });
    if (!hosts.includes(r.host)) hosts.push(r.host);
  }
  return { cidrs, hosts };
}

/** Admin only (the route says so): registers or replaces a unit's scope; before and after are audited. */
export async function putScanScope(ctx: Ctx, unitId: string, input: ScanScopeBody): Promise<ScanScope> {
  const { cidrs, hosts } = normalise(ctx, input);
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, unitId);
    const before = await findScope(tx.db, unitId);
    const row = await upsertScope(tx.db, {
      unitId,
      cidrs,
      hosts,
      allowedRoles: [...new Set(input.allowedRoles)],
      allowedUserIds: [...new Set(input.allowedUserIds)],
      note: input.note ?? null,
      updatedBy: tx.actor.name,
      updatedAt: new Date(),
    });
    await recordAudit(tx, {
      action: 'camera_scope.put',
      targetType: 'camera_scan_scope',
      targetId: unitId,
      unitId,
      details: {
        before: before
          ? {
              cidrs: before.cidrs,
              hosts: before.hosts,
              roles: before.allowedRoles,
              users: before.allowedUserIds,
            }
          : null,
        after: { cidrs, hosts, roles: row.allowedRoles, users: row.allowedUserIds },
      },
    });
    return toScope(tx, row);
  });
}

/** The registered scope of a unit, or an empty one (nothing may be scanned) when none is registered. */
export async function readScanScope(ctx: Ctx, unitId: string): Promise<ScanScope> {
  await loadUnitInScope(ctx, unitId);
  const row = await findScope(ctx.db, unitId);
  return row ? toScope(ctx, row) : emptyScope(unitId);
}

export async function listScanScopes(ctx: Ctx, unitId?: string): Promise<ScanScope[]> {
  const path = unitId ? (await loadUnitInScope(ctx, unitId)).path : ctx.unitPath;
  return (await listScopeRows(ctx.db, path)).map((row) => toScope(ctx, row));
}

/**
 * For the camera audit: the scope a run of this unit may touch. Refuses when none is registered
 * (SCAN_SCOPE_MISSING) or when the caller is not allowed to scan it (SCAN_NOT_ALLOWED). The audit still
 * checks every address against it where sockets are opened (src/core/net-scope.ts).
 */
export async function getScanScope(ctx: Ctx, unitId: string): Promise<ScanScope> {
  await loadUnitInScope(ctx, unitId);
  const row = await findScope(ctx.db, unitId);
  if (!row || (row.cidrs.length === 0 && row.hosts.length === 0))
    throw new AppError('SCAN_SCOPE_MISSING', { unitId });
  if (!mayScan(ctx, row)) throw new AppError('SCAN_NOT_ALLOWED', { unitId });
  return toScope(ctx, row);
}
