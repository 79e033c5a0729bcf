import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { loadUnitInScope } from '../units/service';
import type { Host, HostCreate, HostDetail, HostQuery, HostUpdate } from './contract';
import {
  deleteHostRow,
  findHostByHostname,
  findHostById,
  findHostByMachineId,
  type HostRow,
  insertHost,
  listHostHotfixes,
  listHostRows,
  listHostSnapshots,
  listHostSoftware,
  lockUnitInventory,
  updateHostRow,
} from './queries';

export { hostFacts, loadHostFactsForUnitScope } from './facts';
export {
  importInventory,
  importInventoryCsv,
  parseInventoryCsv,
  parseInventoryDocuments,
} from './import-service';

const SNAPSHOT_HISTORY = 50;

export function toHost(row: HostRow): Host {
  return { ...row, officeMsiFiles: row.officeMsiFiles ?? {} };
}

/** Loads a host and checks its unit lies in the caller's scope: HOST_NOT_FOUND or SCOPE_FORBIDDEN otherwise. */
export async function loadHostInScope(ctx: Ctx, id: string): Promise<HostRow> {
  const found = await findHostById(ctx.db, id);
  if (!found) throw new AppError('HOST_NOT_FOUND', { hostId: id });
  assertInScope(ctx, { id: found.host.unitId, path: found.unitPath });
  return found.host;
}

export async function listHosts(ctx: Ctx, query: HostQuery): Promise<Page<Host>> {
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, query.unitId)).path : undefined;
  const { items, total } = await listHostRows(ctx.db, ctx.unitPath, { ...query, unitPath });
  return { items: items.map(toHost), total, page: query.page, pageSize: query.pageSize };
}

export async function getHost(ctx: Ctx, id: string): Promise<HostDetail> {
  const host = await loadHostInScope(ctx, id);
  // One after the other: inside a transaction they would share one connection.
  const software = await listHostSoftware(ctx.db, id);
  const hotfixes = await listHostHotfixes(ctx.db, id);
  const snapshots = await listHostSnapshots(ctx.db, id, SNAPSHOT_HISTORY);
  return {
    ...toHost(host),
    software: software.map(({ name, version, publisher, installDate }) => ({
      name,
      version,
      publisher,
      installDate,
    })),
    hotfixes: hotfixes.map(({ kb, installedOn }) => ({ kb, installedOn })),
    snapshots,
  };
}

async function assertIdentityFree(
  ctx: Ctx,
  unitId: string,
  identity: { hostname?: string | undefined; machineId?: string | null | undefined },
  exceptId?: string,
): Promise<void> {
  if (identity.machineId) {
    const clash = await findHostByMachineId(ctx.db, unitId, identity.machineId);
    if (clash && clash.id !== exceptId) {
      throw new AppError('HOST_MACHINE_ID_TAKEN', { machineId: identity.machineId, hostId: clash.id });
    }
  }
  if (identity.hostname) {
    const clash = await findHostByHostname(ctx.db, unitId, identity.hostname);
    if (clash && clash.id !== exceptId) {
      throw new AppError('HOSTNAME_TAKEN', { hostname: identity.hostname, hostId: clash.id });
    }
  }
}

/** A host kept by hand (no collector yet): a later inventory with the same name adopts it. */
export async function createHost(ctx: Ctx, input: HostCreate): Promise<Host> {
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    await lockUnitInventory(tx.db, input.unitId);
    await assertIdentityFree(tx, input.unitId, input);
    const row = await insertHost(tx.db, { ...input, source: 'manual' });
    await recordAudit(tx, {
      action: 'host.create',
      targetType: 'host',
      targetId: row.id,
      unitId: row.unitId,
      details: { hostname: row.hostname, machineId: row.machineId, criticality: row.criticality },
    });
    return toHost(row);
  });
}

export async function updateHost(ctx: Ctx, id: string, input: HostUpdate): Promise<Host> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadHostInScope(tx, id);
    await lockUnitInventory(tx.db, current.unitId);
    await assertIdentityFree(
      tx,
      current.unitId,
      {
        hostname:
          input.hostname && input.hostname.toLowerCase() !== current.hostname.toLowerCase()
            ? input.hostname
            : undefined,
        machineId: input.machineId,
      },
      id,
    );
    const row = await updateHostRow(tx.db, id, input);
    await recordAudit(tx, {
      action: 'host.update',
      targetType: 'host',
      targetId: id,
      unitId: row.unitId,
      details: { hostname: row.hostname, changed: Object.keys(input) },
    });
    return toHost(row);
  });
}

/** Deletes a host with its programs, hotfixes and snapshot history (the audit trail keeps its imports). */
export async function deleteHost(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await loadHostInScope(tx, id);
    await deleteHostRow(tx.db, id);
    await recordAudit(tx, {
      action: 'host.delete',
      targetType: 'host',
      targetId: id,
      unitId: current.unitId,
      details: { hostname: current.hostname, machineId: current.machineId },
    });
  });
}
