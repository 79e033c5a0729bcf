import { randomUUID } from 'node:crypto';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import type { Unit, UnitCreate, UnitQuery, UnitUpdate } from './contract';
import {
  countUnitDependents,
  deleteUnitRow,
  findUnitByCode,
  findUnitById,
  insertUnit,
  listUnits as listUnitRows,
  rewriteSubtreePaths,
  type UnitRow,
  updateUnitRow,
} from './queries';

export function toUnit(row: UnitRow): Unit {
  const { path, ...rest } = row;
  return { ...rest, depth: path.split('/').length - 3 };
}

/** Loads a unit and checks the caller may see it: UNIT_NOT_FOUND or SCOPE_FORBIDDEN otherwise. */
export async function loadUnitInScope(ctx: Ctx, id: string): Promise<UnitRow> {
  const row = await findUnitById(ctx.db, id);
  if (!row) throw new AppError('UNIT_NOT_FOUND', { unitId: id });
  assertInScope(ctx, row);
  return row;
}

export async function getUnit(ctx: Ctx, id: string): Promise<Unit> {
  return toUnit(await loadUnitInScope(ctx, id));
}

export async function listUnits(ctx: Ctx, query: UnitQuery): Promise<Page<Unit>> {
  if (query.parentId) await loadUnitInScope(ctx, query.parentId);
  const { items, total } = await listUnitRows(ctx.db, ctx.unitPath, query);
  return { items: items.map(toUnit), total, page: query.page, pageSize: query.pageSize };
}

async function assertCodeFree(ctx: Ctx, code: string, exceptId?: string) {
  const clash = await findUnitByCode(ctx.db, code);
  if (clash && clash.id !== exceptId) throw new AppError('UNIT_CODE_TAKEN', { code });
}

export async function createUnit(ctx: Ctx, input: UnitCreate): Promise<Unit> {
  return inTransaction(ctx, async (tx) => {
    const parent = await loadUnitInScope(tx, input.parentId);
    await assertCodeFree(tx, input.code);
    const id = randomUUID();
    const row = await insertUnit(tx.db, { ...input, id, path: `${parent.path}${id}/` });
    await recordAudit(tx, {
      action: 'unit.create',
      targetType: 'unit',
      targetId: id,
      unitId: id,
      details: { code: row.code, name: row.name, parentId: parent.id },
    });
    return toUnit(row);
  });
}

/** The first unit of a fresh installation; only the platform itself makes it (see bootstrap). */
export async function createRootUnit(ctx: Ctx, input: Omit<UnitCreate, 'parentId'>): Promise<Unit> {
  return inTransaction(ctx, async (tx) => {
    await assertCodeFree(tx, input.code);
    const id = randomUUID();
    const row = await insertUnit(tx.db, { ...input, id, parentId: null, path: `/${id}/` });
    await recordAudit(tx, {
      action: 'unit.create',
      targetType: 'unit',
      targetId: id,
      unitId: id,
      details: { code: row.code, name: row.name, root: true },
    });
    return toUnit(row);
  });
}

export async function updateUnit(ctx: Ctx, id: string, input: UnitUpdate): Promise<Unit> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadUnitInScope(tx, id);
    if (input.code && input.code !== current.code) await assertCodeFree(tx, input.code, id);
    let path = current.path;
    if (input.parentId && input.parentId !== current.parentId) {
      if (current.parentId === null) throw new AppError('UNIT_CYCLE', { unitId: id });
      const parent = await loadUnitInScope(tx, input.parentId);
      if (parent.path.startsWith(current.path)) throw new AppError('UNIT_CYCLE', { unitId: id });
      path = `${parent.path}${id}/`;
      await rewriteSubtreePaths(tx.db, current.path, path);
    }
    const row = await updateUnitRow(tx.db, id, { ...input, path });
    await recordAudit(tx, {
      action: 'unit.update',
      targetType: 'unit',
      targetId: id,
      unitId: id,
      details: { changed: Object.keys(input) },
    });
    return toUnit(row);
  });
}

export async function deleteUnit(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await loadUnitInScope(tx, id);
    if (current.parentId === null || (await countUnitDependents(tx.db, id)) > 0) {
      throw new AppError('UNIT_NOT_EMPTY', { unitId: id });
    }
    try {
      await deleteUnitRow(tx.db, id);
    } catch (error) {
      // Any capability's rows that reference the unit (hosts, cameras…) block the delete by foreign key:
      // the same answer as for sub-units, whichever capability holds them.
      if (isForeignKeyViolation(error)) throw new AppError('UNIT_NOT_EMPTY', { unitId: id });
      throw error;
    }
    await recordAudit(tx, {
      action: 'unit.delete',
      targetType: 'unit',
      targetId: id,
      unitId: current.parentId,
      details: { code: current.code, name: current.name },
    });
  });
}

/** 23503 foreign_key_violation (NO ACTION), 23001 restrict_violation (ON DELETE RESTRICT). */
function isForeignKeyViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === '23503' || cause?.code === '23001';
}
