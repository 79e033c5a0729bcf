import { and, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { units } from '../units/schema';
import { users } from '../users/schema';
import { apiTokens, sessions, signInFailures } from './schema';

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findLiveSession(db: Executor, id: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users, unitPath: units.path })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  return row;
}

export async function touchSession(
  db: Executor,
  id: string,
  lastSeenAt: Date,
  expiresAt: Date,
): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptId ? ne(sessions.id, exceptId) : undefined));
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return rows.length;
}

export async function findLiveToken(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ token: apiTokens, unitPath: units.path })
    .from(apiTokens)
    .innerJoin(units, eq(units.id, apiTokens.unitId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}

export async function touchToken(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function findIpFailures(db: Executor, ip: string) {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.ip, ip));
  return row;
}

export async function saveIpFailures(db: Executor, ip: string, failures: number, lockedUntil: Date | null) {
  await db
    .insert(signInFailures)
    .values({ ip, failures, lockedUntil, updatedAt: new Date() })
    .onConflictDoUpdate({ target: signInFailures.ip, set: { failures, lockedUntil, updatedAt: new Date() } });
}

export async function clearIpFailures(db: Executor, ip: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.ip, ip));
}
