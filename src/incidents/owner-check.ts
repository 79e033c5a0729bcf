import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { findRootUnit } from '../units/queries';
import { findUserById } from '../users/queries';

/** The roles that handle a case (routes.ts `handlers`): a viewer or a provider cannot own one. */
export const OWNER_ROLES = new Set(['admin', 'unit_officer', 'on_duty']);

/**
 * The units whose people may own a case: the case's unit, the units it affects, and the root (the provincial
 * team that steps in). Not the whole subtree: an owner is someone involved, and the reminders go to them.
 */
export async function ownerUnitIds(
  ctx: Ctx,
  c: { unitId: string; affectedUnitIds: readonly string[] },
): Promise<string[]> {
  const root = await findRootUnit(ctx.db);
  return [...new Set([c.unitId, ...c.affectedUnitIds, ...(root ? [root.id] : [])])];
}

/** Refuses (INCIDENT_OWNER_INVALID) a user who is unknown, disabled, of another unit or without a handler role. */
export async function checkOwner(
  ctx: Ctx,
  c: { unitId: string; affectedUnitIds: readonly string[] },
  userId: string,
): Promise<{ id: string; displayName: string }> {
  const user = await findUserById(ctx.db, userId);
  const units = await ownerUnitIds(ctx, c);
  if (!user || user.disabled || !OWNER_ROLES.has(user.role) || !units.includes(user.unitId)) {
    throw new AppError('INCIDENT_OWNER_INVALID', { userId });
  }
  return { id: user.id, displayName: user.displayName };
}

/**
 * The owner a new case gets when none is named: the person opening it, if they may own it; nobody otherwise
 * (a job, a token, a viewer), and the reminders then fall back to the creator.
 */
export async function defaultOwner(
  ctx: Ctx,
  c: { unitId: string; affectedUnitIds: readonly string[] },
): Promise<string | null> {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) return null;
  try {
    return (await checkOwner(ctx, c, ctx.actor.id)).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'INCIDENT_OWNER_INVALID') return null;
    throw error;
  }
}
