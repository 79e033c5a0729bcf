import { randomBytes } from 'node:crypto';
import type { Ctx } from '../src/core/context';
import type { Role } from '../src/core/roles';
import type { UnitCreate } from '../src/units/contract';
import { createUnit } from '../src/units/service';
import { createUser } from '../src/users/service';

const suffix = () => randomBytes(3).toString('hex');

export function buildUnit(ctx: Ctx, overrides: Partial<UnitCreate> & { parentId: string }) {
  const code = overrides.code ?? `U-${suffix()}`;
  return createUnit(ctx, { code, name: `Đơn vị ${code}`, kind: 'agency', ...overrides });
}

export const USER_PASSWORD = 'User-password-for-tests-1';

export async function buildUser(
  ctx: Ctx,
  options: { unitId: string; role: Role; username?: string; password?: string },
) {
  const username = options.username ?? `u${suffix()}`;
  const { user } = await createUser(ctx, {
    unitId: options.unitId,
    username,
    displayName: `Người dùng ${username}`,
    role: options.role,
    language: 'vi',
    password: options.password ?? USER_PASSWORD,
  });
  return user;
}
