import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { getUnit } from '../units/service';
import type { UserWithPath } from '../users/queries';
import { findUserByUsername, recordFailedSignIn, updateUserRow } from '../users/queries';
import { toUser } from '../users/service';
import type { Me, PasswordChange, ProfileUpdate, SignIn } from './contract';
import { assertStrongPassword, burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import {
  clearIpFailures,
  deleteSession,
  deleteSessionsOfUser,
  findIpFailures,
  findLiveSession,
  insertSession,
  saveIpFailures,
  touchSession,
} from './queries';

export const SESSION_COOKIE = 'cg_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// Lockout (TT 12/2022 asks for limits on failed sign-ins): after ACCOUNT_FREE_FAILURES wrong passwords
// the account waits 30 s, doubling each further failure up to 15 min; an address gets more slack.
const ACCOUNT_FREE_FAILURES = 5;
const IP_FREE_FAILURES = 20;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function lockDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - free), MAX_LOCK_MS);
}

function assertNotLocked(lockedUntil: Date | null | undefined, now: Date) {
  if (lockedUntil && lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', {
      retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000),
    });
  }
}

export type SignedIn = { sessionToken: string; csrfToken: string; expiresAt: Date; user: UserWithPath };

export async function signIn(ctx: Ctx, input: SignIn, userAgent: string | null): Promise<SignedIn> {
  const now = new Date();
  const ip = ctx.ip ?? 'unknown';
  const ipRecord = await findIpFailures(ctx.db, ip);
  assertNotLocked(ipRecord?.lockedUntil, now);
  const user = await findUserByUsername(ctx.db, input.username);
  if (user) assertNotLocked(user.lockedUntil, now);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await burnPasswordCheck(input.password).then(() => false);
  if (!user || !valid || user.disabled) {
    await inTransaction(ctx, async (tx) => {
      const ipFailures = (ipRecord?.failures ?? 0) + 1;
      const ipDelay = lockDelayMs(ipFailures, IP_FREE_FAILURES);
      await saveIpFailures(tx.db, ip, ipFailures, ipDelay ? new Date(now.getTime() + ipDelay) : null);
      if (user) {
        const delay = lockDelayMs(user.failedLogins + 1, ACCOUNT_FREE_FAILURES);
        await recordFailedSignIn(tx.db, user.id, delay ? new Date(now.getTime() + delay) : null);
      }
      await recordAudit(tx, {
        action: 'auth.sign_in_failed',
        targetType: 'user',
        targetId: user?.id,
        unitId: user?.unitId ?? null,
        details: {
          username: input.username,
          reason: !user ? 'unknown-user' : user.disabled ? 'disabled' : 'wrong-password',
        },
      });
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await inTransaction(ctx, async (tx) => {
    await insertSession(tx.db, {
      id: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      ip: ctx.ip,
      userAgent,
      expiresAt,
    });
    await updateUserRow(tx.db, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    if (ipRecord) await clearIpFailures(tx.db, ip);
    await recordAudit(
      { ...tx, actor: { type: 'user', id: user.id, name: user.username } },
      { action: 'auth.sign_in', targetType: 'user', targetId: user.id, unitId: user.unitId },
    );
  });
  return { sessionToken, csrfToken, expiresAt, user };
}

export type SessionPrincipal = { sessionId: string; csrfToken: string; user: UserWithPath };

/** Finds the live session behind a cookie and slides its expiry (at most once a minute, to spare writes). */
export async function authenticateSession(
  ctx: Pick<Ctx, 'db'>,
  cookieValue: string,
): Promise<SessionPrincipal | undefined> {
  const now = new Date();
  const id = sha256(cookieValue);
  const row = await findLiveSession(ctx.db, id, now);
  if (!row) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await touchSession(ctx.db, id, now, new Date(now.getTime() + SESSION_TTL_MS));
  }
  return { sessionId: id, csrfToken: row.session.csrfToken, user: { ...row.user, unitPath: row.unitPath } };
}

export async function signOut(ctx: Ctx, sessionId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await deleteSession(tx.db, sessionId);
    await recordAudit(tx, {
      action: 'auth.sign_out',
      targetType: 'user',
      targetId: ctx.actor.id ?? undefined,
    });
  });
}

export async function describeMe(ctx: Ctx, user: UserWithPath, csrfToken: string): Promise<Me> {
  return { user: toUser(user), unit: await getUnit(ctx, user.unitId), csrfToken };
}

export async function changePassword(
  ctx: Ctx,
  user: UserWithPath,
  sessionId: string | null,
  input: PasswordChange,
) {
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('WRONG_PASSWORD');
  assertStrongPassword(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword) throw new AppError('WEAK_PASSWORD', { min: 12 });
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await updateUserRow(tx.db, user.id, { passwordHash, mustChangePassword: false });
    // Every other session of this user ends: whoever knew the old password is out.
    await deleteSessionsOfUser(tx.db, user.id, sessionId ?? undefined);
    await recordAudit(tx, {
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
      unitId: user.unitId,
    });
  });
}

export async function updateProfile(ctx: Ctx, user: UserWithPath, input: ProfileUpdate) {
  return inTransaction(ctx, async (tx) => {
    const row = await updateUserRow(tx.db, user.id, input);
    await recordAudit(tx, {
      action: 'auth.profile_update',
      targetType: 'user',
      targetId: user.id,
      unitId: user.unitId,
      details: { changed: input },
    });
    return toUser(row);
  });
}
