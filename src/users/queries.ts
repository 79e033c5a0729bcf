import { and, count, desc, eq, ilike, like, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likeContains, likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { UserQuery } from './contract';
import { users } from './schema';

export type UserRow = typeof users.$inferSelect;
export type UserWithPath = UserRow & { unitPath: string };

export async function findUserById(db: Executor, id: string): Promise<UserWithPath | undefined> {
  const [row] = await db
    .select({ user: users, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id));
  return row ? { ...row.user, unitPath: row.unitPath } : undefined;
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserWithPath | undefined> {
  const [row] = await db
    .select({ user: users, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username.toLowerCase()));
  return row ? { ...row.user, unitPath: row.unitPath } : undefined;
}

export async function listUserRows(db: Executor, scopePath: string | null, query: UserQuery) {
  const filters: (SQL | undefined)[] = [
    scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
    query.unitId ? eq(users.unitId, query.unitId) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.q
      ? or(ilike(users.username, likeContains(query.q)), ilike(users.displayName, likeContains(query.q)))
      : undefined,
  ];
  const where = and(...filters);
  // One after the other: inside a transaction both would share one connection (pg refuses overlap).
  const items = await db
    .select({ user: users })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(where)
    .orderBy(desc(users.createdAt), users.username)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(where);
  return { items: items.map((r) => r.user), total };
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUserRow(
  db: Executor,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

/** Active admins other than this user: the platform must always keep one. */
export async function countOtherActiveAdmins(db: Executor, exceptUserId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptUserId)));
  return row?.n ?? 0;
}

export async function recordFailedSignIn(db: Executor, id: string, lockedUntil: Date | null): Promise<void> {
  await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1`, lockedUntil })
    .where(eq(users.id, id));
}

/** Who receives a unit's mail: its enabled users of these roles that have an e-mail address, oldest first. */
export async function emailRecipientsOfUnit(
  db: Executor,
  unitId: string,
  roles: readonly UserRow['role'][],
): Promise<{ id: string; displayName: string; email: string }[]> {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.disabled, false), sql`${users.email} is not null`))
    .orderBy(users.createdAt);
  return rows
    .filter((row) => roles.includes(row.role) && row.email)
    .map((row) => ({ id: row.id, displayName: row.displayName, email: row.email! }));
}
