import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  like,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { likeContains, likePrefix } from '../../units/queries';
import { units } from '../../units/schema';
import { users } from '../../users/schema';
import { watchAlertChanges, watchAlertEvents, watchAlerts } from '../schema';
import type { WatchAlertQuery } from './contract';

export type AlertRow = typeof watchAlerts.$inferSelect;
export type AlertEventRow = typeof watchAlertEvents.$inferSelect;

const listColumns = {
  alert: watchAlerts,
  unitName: units.name,
  unitPath: units.path,
  assigneeName: users.displayName,
};

function withNames(db: Executor) {
  return db
    .select(listColumns)
    .from(watchAlerts)
    .innerJoin(units, eq(units.id, watchAlerts.unitId))
    .leftJoin(users, eq(users.id, watchAlerts.assigneeId));
}
export type AlertWithNames = {
  alert: AlertRow;
  unitName: string;
  unitPath: string;
  assigneeName: string | null;
};

export async function findAlert(db: Executor, id: string, options: { lock?: boolean } = {}) {
  const query = withNames(db).where(eq(watchAlerts.id, id));
  const [row] = options.lock ? await query.for('update', { of: watchAlerts }) : await query;
  return row as AlertWithNames | undefined;
}

/** Serialises raises of one (unit, rule, key) so two repeats arriving together still group. */
export async function lockGroup(db: Executor, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 7262005))`);
}

export async function findOpenGroup(
  db: Executor,
  g: { unitId: string; ruleId: string; groupKey: string; since: Date },
) {
  const [row] = await db
    .select()
    .from(watchAlerts)
    .where(
      and(
        eq(watchAlerts.unitId, g.unitId),
        eq(watchAlerts.ruleId, g.ruleId),
        eq(watchAlerts.groupKey, g.groupKey),
        ne(watchAlerts.status, 'closed'),
        gte(watchAlerts.lastSeenAt, g.since),
      ),
    )
    .orderBy(desc(watchAlerts.lastSeenAt))
    .limit(1);
  return row;
}

export async function insertAlert(db: Executor, values: typeof watchAlerts.$inferInsert) {
  const [row] = await db.insert(watchAlerts).values(values).returning();
  return row!;
}

export async function updateAlertRow(
  db: Executor,
  id: string,
  values: Partial<AlertRow> | Record<string, SQL | unknown>,
) {
  const [row] = await db
    .update(watchAlerts)
    .set({ ...(values as Partial<AlertRow>), updatedAt: sql`now()` })
    .where(eq(watchAlerts.id, id))
    .returning();
  return row!;
}

export async function insertAlertEvent(db: Executor, values: typeof watchAlertEvents.$inferInsert) {
  await db.insert(watchAlertEvents).values(values);
}

export async function listAlertEvents(db: Executor, alertId: string) {
  return db
    .select()
    .from(watchAlertEvents)
    .where(eq(watchAlertEvents.alertId, alertId))
    .orderBy(watchAlertEvents.id);
}

export async function listAlertRows(db: Executor, scopePath: string | null, query: WatchAlertQuery) {
  const filters: (SQL | undefined)[] = [
    scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
    query.unitId ? eq(watchAlerts.unitId, query.unitId) : undefined,
    query.status?.length ? inArray(watchAlerts.status, query.status) : undefined,
    query.level?.length ? inArray(watchAlerts.level, query.level) : undefined,
    query.ruleId ? eq(watchAlerts.ruleId, query.ruleId) : undefined,
    query.assigneeId ? eq(watchAlerts.assigneeId, query.assigneeId) : undefined,
    query.q
      ? or(
          ilike(watchAlerts.title, likeContains(query.q)),
          ilike(watchAlerts.ruleTitle, likeContains(query.q)),
        )
      : undefined,
  ];
  const where = and(...filters);
  const items = (await withNames(db)
    .where(where)
    .orderBy(desc(watchAlerts.lastSeenAt), desc(watchAlerts.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)) as AlertWithNames[];
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(watchAlerts)
    .innerJoin(units, eq(units.id, watchAlerts.unitId))
    .where(where);
  return { items, total };
}

const c = watchAlertChanges;

/** One lock for the journal's writers: held from the insert to the commit, so ids follow commit order. */
const JOURNAL_LOCK = 7262006;

/**
 * Writes one change into the stream's journal and returns its id. Call it LAST in the transaction: the
 * lock it takes is held until the commit, so a change with a higher id is never visible before one with
 * a lower id (what lets a reconnecting client ask for "everything after N"). The row keeps the alert's
 * status, assignee, escalation step and count as this transaction leaves them (read here, so no caller
 * passes them and none can forget one).
 */
export async function journalAlertChange(
  db: Executor,
  alertId: string,
  type: 'raised' | 'repeated' | 'updated',
): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(${JOURNAL_LOCK})`);
  const a = watchAlerts;
  const result = (await db.execute(sql`
    insert into ${c} (${sql.identifier(c.alertId.name)}, ${sql.identifier(c.type.name)}, ${sql.identifier(c.status.name)},
      ${sql.identifier(c.closeReason.name)}, ${sql.identifier(c.assigneeId.name)},
      ${sql.identifier(c.escalationStep.name)}, ${sql.identifier(c.count.name)})
    select ${a.id}, ${type}, ${a.status}, ${a.closeReason}, ${a.assigneeId}, ${a.escalationStep}, ${a.count}
    from ${a} where ${a.id} = ${alertId}
    returning ${sql.identifier(c.id.name)} as id`)) as unknown as { rows: { id: string | number }[] };
  const row = result.rows[0];
  if (!row) throw new Error(`alert ${alertId} not found for the journal`);
  return Number(row.id);
}

/** The newest journal id (0 for an empty journal): where a fresh stream starts. */
export async function latestAlertChange(db: Executor): Promise<number> {
  const [row] = await db
    .select({ id: sql<string | null>`max(${watchAlertChanges.id})` })
    .from(watchAlertChanges);
  return Number(row?.id ?? 0);
}

/** The oldest journal id still kept (undefined: empty journal). */
export async function oldestAlertChange(db: Executor): Promise<number | undefined> {
  const [row] = await db
    .select({ id: sql<string | null>`min(${watchAlertChanges.id})` })
    .from(watchAlertChanges);
  return row?.id == null ? undefined : Number(row.id);
}

export type JournalledChange = AlertWithNames & {
  seq: number;
  at: Date;
  type: 'raised' | 'repeated' | 'updated';
};

/** Rows written before the journal kept the alert's fields (status null) show the alert as it is now. */
const legacy = sql`${c.status} is null`;
const changeColumns = {
  seq: c.id,
  type: c.type,
  at: c.at,
  snapshot: {
    status: c.status,
    closeReason: c.closeReason,
    assigneeId: c.assigneeId,
    escalationStep: c.escalationStep,
    count: c.count,
  },
  ...listColumns,
};

function changesWithNames(db: Executor) {
  return db
    .select(changeColumns)
    .from(c)
    .innerJoin(watchAlerts, eq(watchAlerts.id, c.alertId))
    .innerJoin(units, eq(units.id, watchAlerts.unitId))
    .leftJoin(
      users,
      eq(users.id, sql`case when ${legacy} then ${watchAlerts.assigneeId} else ${c.assigneeId} end`),
    );
}

type ChangeRow = Awaited<ReturnType<ReturnType<typeof changesWithNames>['where']>>[number];

/**
 * The alert as the change left it: status, close reason, assignee, escalation step and count from the
 * journal; the rest (title, evidence, timestamps but closedAt) as it is now.
 */
function asChanged(row: ChangeRow): JournalledChange {
  const { seq, type, at, snapshot, ...rest } = row;
  const base = rest as AlertWithNames;
  if (snapshot.status === null) return { ...base, seq, type, at };
  return {
    ...base,
    seq,
    type,
    at,
    alert: {
      ...base.alert,
      status: snapshot.status,
      closeReason: snapshot.closeReason,
      closedAt: snapshot.status === 'closed' ? base.alert.closedAt : null,
      assigneeId: snapshot.assigneeId,
      escalationStep: snapshot.escalationStep ?? base.alert.escalationStep,
      count: snapshot.count ?? base.alert.count,
    },
  };
}

/** The changes after `after` of alerts in the scope, oldest first, each alert as that change left it. */
export async function alertChangesAfter(
  db: Executor,
  scopePath: string | null,
  after: number,
  limit: number,
): Promise<JournalledChange[]> {
  const rows = await changesWithNames(db)
    .where(and(gt(c.id, after), scopePath ? like(units.path, likePrefix(scopePath)) : undefined))
    .orderBy(asc(c.id))
    .limit(limit);
  return rows.map(asChanged);
}

/** One journalled change, the alert as it left it (what the live path relays: the same as a replay). */
export async function alertChangeAt(db: Executor, seq: number): Promise<JournalledChange | undefined> {
  const [row] = await changesWithNames(db).where(eq(c.id, seq));
  return row ? asChanged(row) : undefined;
}

/** Drops journal rows older than `before` (the replay never reaches that far back). */
export async function pruneAlertChanges(db: Executor, before: Date): Promise<number> {
  const gone = await db
    .delete(watchAlertChanges)
    .where(lt(watchAlertChanges.at, before))
    .returning({ id: watchAlertChanges.id });
  return gone.length;
}
