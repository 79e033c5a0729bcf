import { and, count, desc, eq, gte, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../core/schema';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { AuditQuery } from './contract';

/**
 * Audit rows the caller may read. `scopePath` null means everything; `includeUnitless` adds rows tied to
 * no unit (failed sign-ins of unknown names, system jobs), which only the root's users see.
 */
export async function listAuditRows(
  db: Executor,
  scope: { path: string | null; includeUnitless: boolean },
  query: AuditQuery,
) {
  const inSubtree = scope.path
    ? inArray(
        auditLog.unitId,
        db
          .select({ id: units.id })
          .from(units)
          .where(like(units.path, likePrefix(scope.path))),
      )
    : undefined;
  const scopeFilter = inSubtree && scope.includeUnitless ? or(inSubtree, isNull(auditLog.unitId)) : inSubtree;
  const filters: (SQL | undefined)[] = [
    scopeFilter,
    query.unitId ? eq(auditLog.unitId, query.unitId) : undefined,
    query.action ? like(auditLog.action, likePrefix(query.action)) : undefined,
    query.actor ? eq(auditLog.actorName, query.actor) : undefined,
    query.from ? gte(auditLog.at, query.from) : undefined,
    query.to ? lt(auditLog.at, query.to) : undefined,
  ];
  const where = and(...filters);
  // One after the other: inside a transaction both would share one connection (pg refuses overlap).
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog).where(where);
  return { items, total };
}
