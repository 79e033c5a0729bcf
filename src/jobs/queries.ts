import { and, asc, count, desc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import type { JobQuery } from './contract';
import { jobSchedules, jobs } from './schema';

export type JobRow = typeof jobs.$inferSelect;
export type JobScheduleRow = typeof jobSchedules.$inferSelect;

/** now() plus a number of milliseconds, computed by the database so every node shares one clock. */
function nowPlus(ms: number): SQL {
  return sql`now() + make_interval(secs => ${ms / 1000}::double precision)`;
}

export async function insertJob(db: Executor, values: typeof jobs.$inferInsert): Promise<JobRow> {
  const [row] = await db.insert(jobs).values(values).returning();
  return row!;
}

/** A job and the path of its unit (null for a platform-wide job); `lock` holds the row until commit. */
export async function findJobById(db: Executor, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ job: jobs, unitPath: units.path })
    .from(jobs)
    .leftJoin(units, eq(units.id, jobs.unitId))
    .where(eq(jobs.id, id));
  const [row] = options.lock ? await query.for('update', { of: jobs }) : await query;
  return row;
}

/**
 * Jobs the caller may read. `path` null means everything; `includeUnitless` adds platform-wide jobs,
 * which only the root's users see.
 */
export async function listJobRows(
  db: Executor,
  scope: { path: string | null; includeUnitless: boolean },
  query: JobQuery,
) {
  const inSubtree = scope.path
    ? inArray(
        jobs.unitId,
        db
          .select({ id: units.id })
          .from(units)
          .where(like(units.path, likePrefix(scope.path))),
      )
    : undefined;
  const filters: (SQL | undefined)[] = [
    inSubtree && scope.includeUnitless ? or(inSubtree, isNull(jobs.unitId)) : inSubtree,
    query.status ? eq(jobs.status, query.status) : undefined,
    query.kind ? eq(jobs.kind, query.kind) : undefined,
    query.unitId ? eq(jobs.unitId, query.unitId) : undefined,
  ];
  const where = and(...filters);
  // One after the other: inside a transaction both would share one connection (pg refuses overlap).
  const items = await db
    .select()
    .from(jobs)
    .where(where)
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(jobs).where(where);
  return { items, total };
}

export async function cancelQueuedJob(db: Executor, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'queued')))
    .returning();
  return row;
}

export async function flagRunningJobCancel(db: Executor, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ cancelRequested: true })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')))
    .returning();
  return row;
}

/**
 * Takes the oldest due job of a known kind, atomically: SKIP LOCKED lets several nodes claim at once
 * without waiting on each other or taking the same row.
 */
export async function claimNextJob(
  db: Executor,
  nodeId: string,
  leaseMs: number,
  kinds: readonly string[],
): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const known = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      lockedBy: nodeId,
      leaseUntil: nowPlus(leaseMs),
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: sql`now()`,
      cancelRequested: false,
      progress: 0,
      message: null,
    })
    .where(
      eq(
        jobs.id,
        sql`(select q.id from jobs q
             where q.status = 'queued' and q.run_at <= now() and q.kind in (${known})
             order by q.run_at, q.created_at
             for update skip locked
             limit 1)`,
      ),
    )
    .returning();
  return row;
}

/** Guards every write of a running job: a node that lost the lease must not touch the row again. */
function heldBy(id: string, nodeId: string): SQL {
  return and(eq(jobs.id, id), eq(jobs.lockedBy, nodeId), eq(jobs.status, 'running'))!;
}

/** Extends the lease; undefined means the job is no longer this node's. */
export async function extendLease(db: Executor, id: string, nodeId: string, leaseMs: number) {
  const [row] = await db
    .update(jobs)
    .set({ leaseUntil: nowPlus(leaseMs) })
    .where(heldBy(id, nodeId))
    .returning({ cancelRequested: jobs.cancelRequested });
  return row;
}

export async function writeJobProgress(
  db: Executor,
  id: string,
  nodeId: string,
  progress: number,
  message: string | undefined,
) {
  const [row] = await db
    .update(jobs)
    .set(message === undefined ? { progress } : { progress, message })
    .where(heldBy(id, nodeId))
    .returning({ cancelRequested: jobs.cancelRequested });
  return row;
}

const RELEASED = { lockedBy: null, leaseUntil: null } as const;

export async function completeJob(db: Executor, id: string, nodeId: string, result: unknown): Promise<void> {
  await db
    .update(jobs)
    .set({
      ...RELEASED,
      status: 'succeeded',
      progress: 100,
      result: result ?? null,
      error: null,
      finishedAt: sql`now()`,
    })
    .where(heldBy(id, nodeId));
}

export async function retryJobLater(
  db: Executor,
  id: string,
  nodeId: string,
  error: string,
  delayMs: number,
): Promise<void> {
  await db
    .update(jobs)
    .set({ ...RELEASED, status: 'queued', error, runAt: nowPlus(delayMs) })
    .where(heldBy(id, nodeId));
}

export async function failJob(db: Executor, id: string, nodeId: string, error: string): Promise<void> {
  await db
    .update(jobs)
    .set({ ...RELEASED, status: 'failed', error, finishedAt: sql`now()` })
    .where(heldBy(id, nodeId));
}

export async function markJobCancelled(db: Executor, id: string, nodeId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ ...RELEASED, status: 'cancelled', finishedAt: sql`now()` })
    .where(heldBy(id, nodeId));
}

/** Hands a job back when its node shuts down: that run was not the job's fault, so it does not count. */
export async function releaseJob(db: Executor, id: string, nodeId: string): Promise<void> {
  await db
    .update(jobs)
    .set({
      ...RELEASED,
      status: 'queued',
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
      runAt: sql`now()`,
    })
    .where(heldBy(id, nodeId));
}

export const LEASE_EXPIRED_ERROR = 'lease expired: the node running the job stopped answering';

/**
 * Jobs whose node stopped renewing the lease (killed, frozen, cut off) go back to the queue, or end
 * as failed when their attempts are used up, or as cancelled when a cancel was pending.
 */
export async function reclaimExpiredJobs(db: Executor) {
  const next = sql`case when ${jobs.cancelRequested} then 'cancelled'
                        when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed'
                        else 'queued' end`;
  return db
    .update(jobs)
    .set({
      ...RELEASED,
      status: next,
      error: sql`case when ${jobs.cancelRequested} then ${jobs.error} else ${LEASE_EXPIRED_ERROR} end`,
      finishedAt: sql`case when ${next} = 'queued' then null else now() end`,
      runAt: sql`now()`,
    })
    .where(and(eq(jobs.status, 'running'), sql`${jobs.leaseUntil} < now()`))
    .returning({ id: jobs.id, kind: jobs.kind, status: jobs.status });
}

export async function listScheduleRows(db: Executor): Promise<JobScheduleRow[]> {
  return db.select().from(jobSchedules).orderBy(asc(jobSchedules.name));
}

export async function insertScheduleIfMissing(
  db: Executor,
  values: typeof jobSchedules.$inferInsert,
): Promise<JobScheduleRow | undefined> {
  const [row] = await db.insert(jobSchedules).values(values).onConflictDoNothing().returning();
  return row;
}

export async function upsertScheduleRow(
  db: Executor,
  values: typeof jobSchedules.$inferInsert,
): Promise<JobScheduleRow> {
  const { name: _name, lastRunAt: _last, ...changes } = values;
  const [row] = await db
    .insert(jobSchedules)
    .values(values)
    .onConflictDoUpdate({ target: jobSchedules.name, set: changes })
    .returning();
  return row!;
}

/** Locks one due schedule (others skip it) and reads the database clock in the same statement. */
export async function lockDueSchedule(db: Executor) {
  const [row] = await db
    .select({ schedule: jobSchedules, now: sql<Date>`now()`.mapWith(jobSchedules.nextRunAt) })
    .from(jobSchedules)
    .where(and(eq(jobSchedules.enabled, true), sql`${jobSchedules.nextRunAt} <= now()`))
    .orderBy(asc(jobSchedules.nextRunAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function advanceSchedule(
  db: Executor,
  name: string,
  values: { nextRunAt?: Date; lastRunAt?: Date; enabled?: boolean },
): Promise<void> {
  await db.update(jobSchedules).set(values).where(eq(jobSchedules.name, name));
}
