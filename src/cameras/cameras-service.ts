import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { loadUnitInScope } from '../units/service';
import type {
  Camera,
  CameraCreate,
  CameraQuery,
  CameraUpdate,
  DiscoveredCameraFacts,
} from './camera-contract';
import { IpAddressText, MacAddress } from './camera-contract';
import {
  type CameraRow,
  deleteCameraRow,
  findCamera,
  findCameraByIdentity,
  insertCamera,
  listCameraRows,
  lockUnitCameras,
  updateCameraRow,
} from './queries';
import { loadSystemInScope } from './systems-service';

export { importCamerasCsv, parseCameraCsv } from './camera-import';

export async function loadCameraInScope(ctx: Ctx, id: string): Promise<CameraRow> {
  const found = await findCamera(ctx.db, id);
  if (!found) throw new AppError('CAMERA_NOT_FOUND', { cameraId: id });
  assertInScope(ctx, { id: found.camera.unitId, path: found.unitPath });
  return found.camera;
}

export async function listCameras(ctx: Ctx, query: CameraQuery): Promise<Page<Camera>> {
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, query.unitId)).path : undefined;
  if (query.systemId) await loadSystemInScope(ctx, query.systemId);
  const { items, total } = await listCameraRows(ctx.db, ctx.unitPath, { ...query, unitPath });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getCamera(ctx: Ctx, id: string): Promise<Camera> {
  return loadCameraInScope(ctx, id);
}

/** A system named for a camera must be one of the camera's unit. */
export async function assertSystemOfUnit(ctx: Ctx, systemId: string | null | undefined, unitId: string) {
  if (!systemId) return;
  const system = await loadSystemInScope(ctx, systemId);
  if (system.unitId !== unitId) throw new AppError('CAMERA_SYSTEM_NOT_FOUND', { systemId });
}

export async function assertIdentityFree(
  ctx: Ctx,
  unitId: string,
  identity: { mac?: string | null; serial?: string | null },
  exceptId?: string,
) {
  for (const field of ['mac', 'serial'] as const) {
    const value = identity[field];
    if (!value) continue;
    const clash = await findCameraByIdentity(ctx.db, unitId, { [field]: value });
    if (clash && clash.id !== exceptId)
      throw new AppError('CAMERA_IDENTITY_TAKEN', { field: field.toUpperCase(), value });
  }
}

export async function createCamera(ctx: Ctx, input: CameraCreate): Promise<Camera> {
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    await lockUnitCameras(tx.db, input.unitId);
    await assertSystemOfUnit(tx, input.systemId, input.unitId);
    await assertIdentityFree(tx, input.unitId, input);
    const row = await insertCamera(tx.db, { ...input, source: 'manual' });
    await recordAudit(tx, {
      action: 'camera.create',
      targetType: 'camera',
      targetId: row.id,
      unitId: row.unitId,
      details: { ip: row.ip, mac: row.mac, vendor: row.vendor, model: row.model },
    });
    return row;
  });
}

export async function updateCamera(ctx: Ctx, id: string, input: CameraUpdate): Promise<Camera> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadCameraInScope(tx, id);
    await lockUnitCameras(tx.db, current.unitId);
    await assertSystemOfUnit(tx, input.systemId, current.unitId);
    await assertIdentityFree(tx, current.unitId, input, id);
    const row = await updateCameraRow(tx.db, id, input);
    await recordAudit(tx, {
      action: 'camera.update',
      targetType: 'camera',
      targetId: id,
      unitId: row.unitId,
      details: { ip: row.ip, changed: Object.keys(input) },
    });
    return row;
  });
}

export async function deleteCamera(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await loadCameraInScope(tx, id);
    await deleteCameraRow(tx.db, id);
    await recordAudit(tx, {
      action: 'camera.delete',
      targetType: 'camera',
      targetId: id,
      unitId: current.unitId,
      details: { ip: current.ip, mac: current.mac, serial: current.serial },
    });
  });
}

/**
 * For the camera audit: files a device it found into the unit's inventory, inside the caller's
 * transaction. Identity is MAC, then serial, then IP; facts the audit read (vendor, model, firmware)
 * refresh the row, while what people keep (location, NVR, system, name) is never overwritten.
 */
export async function upsertDiscoveredCamera(
  tx: Ctx,
  unitId: string,
  facts: DiscoveredCameraFacts,
): Promise<{ camera: Camera; status: 'created' | 'updated' }> {
  const ip = IpAddressText.parse(facts.ip);
  const mac = facts.mac ? MacAddress.parse(facts.mac) : null;
  const serial = facts.serial?.trim() || null;
  await lockUnitCameras(tx.db, unitId);
  const existing = await findCameraByIdentity(tx.db, unitId, { mac, serial, ip });
  const seen = {
    ip,
    lastSeenAt: facts.seenAt ?? new Date(),
    ...(mac ? { mac } : {}),
    ...(serial ? { serial } : {}),
    ...(facts.vendor ? { vendor: facts.vendor } : {}),
    ...(facts.model ? { model: facts.model } : {}),
    ...(facts.firmware ? { firmware: facts.firmware } : {}),
  };
  if (existing) {
    const row = await updateCameraRow(tx.db, existing.id, {
      ...seen,
      name: existing.name ?? facts.name ?? null,
    });
    if (existing.firmware !== row.firmware || existing.ip !== row.ip) {
      await recordAudit(tx, {
        action: 'camera.discovered_update',
        targetType: 'camera',
        targetId: row.id,
        unitId,
        details: { ip, firmware: row.firmware, previousFirmware: existing.firmware, previousIp: existing.ip },
      });
    }
    return { camera: row, status: 'updated' };
  }
  const row = await insertCamera(tx.db, { unitId, ...seen, name: facts.name ?? null, source: 'audit' });
  await recordAudit(tx, {
    action: 'camera.discovered',
    targetType: 'camera',
    targetId: row.id,
    unitId,
    details: { ip, mac, serial, vendor: row.vendor, model: row.model, firmware: row.firmware },
  });
  return { camera: row, status: 'created' };
}
