import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { findUnitByCode } from '../units/queries';
import { findUserByUsername } from '../users/queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** People type unit codes; scripts may pass ids. Both work wherever a unit is asked for. */
export async function resolveUnitId(ctx: Ctx, idOrCode: string): Promise<string> {
  if (UUID.test(idOrCode)) return idOrCode;
  const unit = await findUnitByCode(ctx.db, idOrCode);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { unit: idOrCode });
  return unit.id;
}

export async function resolveUserId(ctx: Ctx, idOrUsername: string): Promise<string> {
  if (UUID.test(idOrUsername)) return idOrUsername;
  const user = await findUserByUsername(ctx.db, idOrUsername);
  if (!user) throw new AppError('USER_NOT_FOUND', { user: idOrUsername });
  return user.id;
}
