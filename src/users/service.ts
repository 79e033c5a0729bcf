import { assertStrongPassword, generatePassword, hashPassword } from '../auth/passwords';
import { deleteSessionsOfUser } from '../auth/queries';
import { assertCanGrant, assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { loadUnitInScope } from '../units/service';
import type { User, UserCreate, UserQuery, UserUpdate } from './contract';
import {
  countOtherActiveAdmins,
  findUserById,
  findUserByUsername,
  insertUser,
  listUserRows,
  type UserRow,
  updateUserRow,
} from './queries';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    unitId: row.unitId,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    language: row.language,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
  };
}

async function loadUserInScope(ctx: Ctx, id: string) {
  const row = await findUserById(ctx.db, id);
  if (!row) throw new AppError('USER_NOT_FOUND', { userId: id });
  assertInScope(ctx, { id: row.unitId, path: row.unitPath });
  return row;
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  return toUser(await loadUserInScope(ctx, id));
}

export async function listUsers(ctx: Ctx, query: UserQuery): Promise<Page<User>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total } = await listUserRows(ctx.db, ctx.unitPath, query);
  return { items: items.map(toUser), total, page: query.page, pageSize: query.pageSize };
}

export async function createUser(
  ctx: Ctx,
  input: UserCreate,
): Promise<{ user: User; generatedPassword: string | null }> {
  assertCanGrant(ctx, input.role);
  const generatedPassword = input.password ? null : generatePassword();
  const password = input.password ?? generatedPassword!;
  assertStrongPassword(password, input.username);
  // Hash before the transaction opens: argon2 is slow on purpose and must not hold a lock.
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    await loadUnitInScope(tx, input.unitId);
    if (await findUserByUsername(tx.db, input.username)) {
      throw new AppError('USERNAME_TAKEN', { username: input.username });
    }
    const { password: _omit, ...fields } = input;
    const row = await insertUser(tx.db, {
      ...fields,
      passwordHash,
      mustChangePassword: generatedPassword !== null,
    });
    await recordAudit(tx, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      unitId: row.unitId,
      details: { username: row.username, role: row.role },
    });
    return { user: toUser(row), generatedPassword };
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdate): Promise<User> {
  return inTransaction(ctx, async (tx) => {
    const current = await loadUserInScope(tx, id);
    if (input.role && input.role !== current.role) assertCanGrant(tx, input.role);
    if (input.unitId && input.unitId !== current.unitId) await loadUnitInScope(tx, input.unitId);
    const losesAdmin = current.role === 'admin' && ((input.role && input.role !== 'admin') || input.disabled);
    if (losesAdmin && (await countOtherActiveAdmins(tx.db, id)) === 0) throw new AppError('LAST_ADMIN');
    const row = await updateUserRow(tx.db, id, input);
    // Losing rights takes effect now, not when the session expires.
    if (input.disabled || input.role || input.unitId) await deleteSessionsOfUser(tx.db, id);
    await recordAudit(tx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      unitId: row.unitId,
      details: { changed: input },
    });
    return toUser(row);
  });
}

/** Sets a new random password, ends the user's sessions and forces a change at next sign-in. */
export async function resetPassword(ctx: Ctx, id: string): Promise<{ generatedPassword: string }> {
  const generatedPassword = generatePassword();
  const passwordHash = await hashPassword(generatedPassword);
  return inTransaction(ctx, async (tx) => {
    const current = await loadUserInScope(tx, id);
    assertCanGrant(tx, current.role);
    await updateUserRow(tx.db, id, {
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
    });
    await deleteSessionsOfUser(tx.db, id);
    await recordAudit(tx, {
      action: 'user.reset_password',
      targetType: 'user',
      targetId: id,
      unitId: current.unitId,
    });
    return { generatedPassword };
  });
}
