import type { Ctx, Role } from './context';
import { AppError } from './errors';

export const ALL_ROLES: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'provider', 'viewer'];

/**
 * The access rule every route declares in `config.access` (a test fails any route without one).
 * - roles: who may call it; 'public' needs no sign-in; 'any' is every signed-in role.
 * - scope: 'unit' when the route reads or changes one unit's data: the service then checks that the
 *   unit lies in the caller's subtree; 'self' when it only touches the caller's own account/session;
 *   'none' when it touches no unit's data.
 * - passwordChange: 'allowed' lets a user who still must change a generated password call it.
 */
export type Access = {
  roles: readonly Role[] | 'public' | 'any';
  scope: 'unit' | 'self' | 'none';
  passwordChange?: 'allowed';
};

export function roleAllowed(access: Access, role: Role): boolean {
  if (access.roles === 'public' || access.roles === 'any') return true;
  return access.roles.includes(role);
}

/** True when a unit with this path is the caller's unit or lies below it. */
export function isInScope(ctx: Pick<Ctx, 'unitPath'>, unitPath: string): boolean {
  return ctx.unitPath === null || unitPath.startsWith(ctx.unitPath);
}

export function assertInScope(ctx: Pick<Ctx, 'unitPath'>, unit: { path: string; id: string }): void {
  if (!isInScope(ctx, unit.path)) throw new AppError('SCOPE_FORBIDDEN', { unitId: unit.id });
}

// Who may hand out which role: nobody grants more than they hold.
const GRANTABLE: Record<Role, readonly Role[]> = {
  admin: ALL_ROLES,
  unit_officer: ['unit_officer', 'viewer'],
  on_duty: [],
  provider: [],
  viewer: [],
};

export function assertCanGrant(ctx: Pick<Ctx, 'role'>, role: Role): void {
  if (!GRANTABLE[ctx.role].includes(role)) throw new AppError('ROLE_ABOVE_OWN', { role });
}
