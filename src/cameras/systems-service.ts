import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { loadUnitInScope } from '../units/service';
import type { CameraSystem, SystemCreate, SystemUpdate } from './contract';
import type { Regime } from './levels/types';
import {
  deleteSystemRow,
  findSystem,
  findSystemByName,
  insertSystem,
  listSystemRows,
  type SystemRow,
  systemFacts,
  updateSystemRow,
} from './queries';

/** A system and the check that its unit lies in the caller's scope. */
export async function loadSystemInScope(ctx: Ctx, id: string): Promise<SystemRow> {
  const found = await findSystem(ctx.db, id);
  if (!found) throw new AppError('CAMERA_SYSTEM_NOT_FOUND', { systemId: id });
  assertInScope(ctx, { id: found.system.unitId, path: found.unitPath });
  return found.system;
}

async function withFacts(ctx: Ctx, rows: SystemRow[]): Promise<CameraSystem[]> {
  const facts = await systemFacts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const f = facts.get(row.id);
    return {
      ...row,
      inventoryCameras: f?.cameras ?? 0,
      approvedLevel: f?.level ?? null,
      approvedRegime: (f?.regime as Regime | null) ?? null,
    };
  });
}

export async function listSystems(
  ctx: Ctx,
  query: { unitId?: string; q?: string; page: number; pageSize: number },
): Promise<Page<CameraSystem>> {
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, query.unitId)).path : undefined;
  const { items, total } = await listSystemRows(ctx.db, ctx.unitPath, { ...query, unitPath });
  return { items: await withFacts(ctx, items), total, page: query.page, pageSize: query.pageSize };
}

export async function getSystem(ctx: Ctx, id: string): Promise<CameraSystem> {
  const [system] = await withFacts(ctx, [await loadSystemInScope(ctx, id)]);
  return system!;
}

async function assertNameFree(ctx: Ctx, unitId: string, name: string, exceptId?: string) {
  const clash = await findSystemByName(ctx.db, unitId, name);
  if (clash && clash.id !== exceptId) throw new AppError('CAMERA_SYSTEM_NAME_TAKEN', { name });
}

export async function createSystem(ctx: Ctx, input: SystemCreate): Promise<CameraSystem> {
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    await assertNameFree(tx, input.unitId, input.name);
    const row = await insertSystem(tx.db, input);
    await recordAudit(tx, {
      action: 'camera_system.create',
      targetType: 'camera_system',
      targetId: row.id,
      unitId: row.unitId,
      details: { name: row.name, cameraCount: row.cameraCount, internetExposure: row.internetExposure },
    });
    return (await withFacts(tx, [row]))[0]!;
  });
}

export async function updateSystem(ctx: Ctx, id: string, input: SystemUpdate): Promise<CameraSystem> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadSystemInScope(tx, id);
    if (input.name) await assertNameFree(tx, current.unitId, input.name, id);
    const row = await updateSystemRow(tx.db, id, input);
    await recordAudit(tx, {
      action: 'camera_system.update',
      targetType: 'camera_system',
      targetId: id,
      unitId: row.unitId,
      details: { name: row.name, changed: Object.keys(input) },
    });
    return (await withFacts(tx, [row]))[0]!;
  });
}

/** Deletes a system with its assessments and system checklist; its cameras stay, unlinked. */
export async function deleteSystem(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await loadSystemInScope(tx, id);
    await deleteSystemRow(tx.db, id);
    await recordAudit(tx, {
      action: 'camera_system.delete',
      targetType: 'camera_system',
      targetId: id,
      unitId: current.unitId,
      details: { name: current.name },
    });
  });
}
