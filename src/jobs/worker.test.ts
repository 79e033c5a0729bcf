import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, onPostgres } from '../../test/database';
import { type Ctx, inTransaction, systemCtx } from '../core/context';
import { createLogger } from '../core/log';
import { auditLog } from '../core/schema';
import { type Database, openDatabase } from '../db/client';
import { BUILTIN_SCHEDULES } from './builtin';
import { completeJob, LEASE_EXPIRED_ERROR } from './queries';
import { registerJobKind } from './registry';
import { jobSchedules, jobs } from './schema';
import {
  cancelJob,
  enqueueJob,
  ensureBuiltinSchedules,
  getJob,
  nextCronRun,
  upsertSchedule,
} from './service';
import { type JobWorker, type JobWorkerOptions, startJobWorker } from './worker';

const log = createLogger('silent');
let database: Database;
let sys: Ctx;
/** On PostgreSQL the second worker gets its own pool, as a second node would. */
let otherNode: Database | undefined;
const workers: JobWorker[] = [];

// Test kinds: each does one thing on purpose.
const executions = new Map<number, number>();
let onWaitStarted: () => void = () => undefined;

registerJobKind({
  kind: 'test.echo',
  title: { vi: 'Thử: trả lại', en: 'Test: echo' },
  payload: z.object({ value: z.string() }).strict(),
  async run({ value }, { progress }) {
    for (let step = 1; step <= 200; step++) await progress(step / 2, `step ${step}`);
    return { echo: value };
  },
});
registerJobKind({
  kind: 'test.fail',
  title: { vi: 'Thử: luôn lỗi', en: 'Test: always fails' },
  payload: z.object({}).strict(),
  async run() {
    throw new Error('boom: feed unreachable');
  },
});
registerJobKind({
  kind: 'test.count',
  title: { vi: 'Thử: đếm', en: 'Test: count' },
  payload: z.object({ n: z.number().int() }).strict(),
  async run({ n }, { ctx }) {
    executions.set(n, (executions.get(n) ?? 0) + 1);
    // A round trip lets the other worker interleave its claims with this one.
    await ctx.db.execute(sql`select 1`);
    return { n };
  },
});
registerJobKind({
  kind: 'test.wait',
  title: { vi: 'Thử: chờ đến khi bị dừng', en: 'Test: wait until stopped' },
  payload: z.object({}).strict(),
  run(_payload, { signal }) {
    return new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason));
      onWaitStarted();
    });
  },
});
registerJobKind({
  kind: 'test.progress-in-transaction',
  title: { vi: 'Thử: báo tiến độ trong giao dịch', en: 'Test: progress inside a transaction' },
  payload: z.object({}).strict(),
  async run(_payload, { ctx, progress }) {
    return inTransaction(ctx, async (tx) => {
      await progress(40, 'inside');
      await tx.db.execute(sql`select 1`);
      return { ok: true };
    });
  },
});

function waitStarted(): Promise<void> {
  return new Promise((resolve) => {
    onWaitStarted = resolve;
  });
}

function worker(nodeId: string, options: Partial<JobWorkerOptions> = {}): JobWorker {
  const w = startJobWorker({ db: database.db, log, nodeId, loop: false, retryBaseMs: 60_000, ...options });
  workers.push(w);
  return w;
}

async function jobRow(id: string) {
  const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

async function drain(w: JobWorker): Promise<number> {
  let ran = 0;
  while (await w.runOnce()) ran++;
  return ran;
}

beforeAll(async () => {
  database = await createTestDatabase();
  sys = systemCtx(database.db, log, 'test');
  if (onPostgres) otherNode = await openDatabase({ databaseUrl: database.url, poolSize: 5 });
});
beforeEach(async () => {
  await database.db.delete(jobs);
  await database.db.delete(jobSchedules);
  executions.clear();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await otherNode?.close();
  await database.close();
});

describe('job worker', () => {
  it('runs a queued job to success with progress 100 and its result', async () => {
    const job = await enqueueJob(sys, { kind: 'test.echo', payload: { value: 'xin chào' } });
    expect(job).toMatchObject({ status: 'queued', progress: 0, attempts: 0, title: { en: 'Test: echo' } });
    const w = worker('node-a');
    expect(await w.runOnce()).toBe(true);
    const done = await getJob(sys, job.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      // The last report lands even when the throttle held it back.
      message: 'step 200',
      attempts: 1,
      result: { echo: 'xin chào' },
      error: null,
      createdBy: 'test',
    });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
    expect(await jobRow(job.id)).toMatchObject({ lockedBy: null, leaseUntil: null });
    expect(await w.runOnce()).toBe(false);
    // The platform queued it: the job row (createdBy 'test') is its record, not the audit trail.
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.targetId, job.id));
    expect(audit).toEqual([]);
  });

  it("audits the enqueue of a person or an API token, never the platform's own jobs", async () => {
    const person: Ctx = { ...sys, actor: { type: 'user', id: randomUUID(), name: 'nguyen.van.a' } };
    const token: Ctx = { ...sys, actor: { type: 'token', id: randomUUID(), name: 'soar-tinh' } };
    const asked = await enqueueJob(person, { kind: 'test.echo', payload: { value: 'người dùng' } });
    const viaToken = await enqueueJob(token, { kind: 'test.echo', payload: { value: 'mã API' } });
    // The outbox and the scheduler queue their jobs as the platform (systemCtx).
    const own = await enqueueJob(systemCtx(database.db, log, 'job:watch.escalate'), {
      kind: 'test.echo',
      payload: { value: 'hệ thống' },
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.targetId, [asked.id, viaToken.id, own.id]))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => [a.action, a.targetId, a.actorType, a.actorName])).toEqual([
      ['job.enqueue', asked.id, 'user', 'nguyen.van.a'],
      ['job.enqueue', viaToken.id, 'token', 'soar-tinh'],
    ]);
    expect(audit[0]!.details).toMatchObject({ kind: 'test.echo', payload: { value: 'người dùng' } });
    // The system's job is still in the job table, with who queued it.
    expect(await jobRow(own.id)).toMatchObject({ kind: 'test.echo', createdBy: 'job:watch.escalate' });
  });

  it('lets a handler report progress inside its own transaction (PGlite has one connection)', async () => {
    const job = await enqueueJob(sys, { kind: 'test.progress-in-transaction' });
    expect(await worker('node-a').runOnce()).toBe(true);
    expect(await jobRow(job.id)).toMatchObject({
      status: 'succeeded',
      message: 'inside',
      result: { ok: true },
    });
  });

  it('retries a failing job with exponential backoff, then fails it keeping the message', async () => {
    const job = await enqueueJob(sys, { kind: 'test.fail', maxAttempts: 3 });
    const w = worker('node-a', { retryBaseMs: 60_000 });
    for (const attempt of [1, 2]) {
      const before = Date.now();
      expect(await w.runOnce()).toBe(true);
      const after = Date.now();
      const row = await jobRow(job.id);
      expect(row).toMatchObject({ status: 'queued', attempts: attempt, error: 'boom: feed unreachable' });
      expect(row.lockedBy).toBeNull();
      // run_at = now + 2^attempts × base; a second of slack for the clocks' different precision.
      const delay = 2 ** attempt * 60_000;
      expect(row.runAt.getTime()).toBeGreaterThanOrEqual(before + delay - 1000);
      expect(row.runAt.getTime()).toBeLessThanOrEqual(after + delay + 1000);
      expect(await w.runOnce()).toBe(false);
      await database.db
        .update(jobs)
        .set({ runAt: new Date(Date.now() - 1000) })
        .where(eq(jobs.id, job.id));
    }
    expect(await w.runOnce()).toBe(true);
    const failed = await getJob(sys, job.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: 'boom: feed unreachable' });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(failed.error).not.toMatch(/\n\s+at /);
    expect(await w.runOnce()).toBe(false);
  });

  it('puts back a job whose node stopped renewing its lease, and ignores that node afterwards', async () => {
    const job = await enqueueJob(sys, { kind: 'test.echo', payload: { value: 'again' } });
    // A node claimed it, then was killed: its lease ran out.
    const claimed = {
      status: 'running' as const,
      lockedBy: 'dead-node',
      attempts: 1,
      startedAt: new Date(Date.now() - 120_000),
    };
    await database.db
      .update(jobs)
      .set({ ...claimed, leaseUntil: new Date(Date.now() + 600_000) })
      .where(eq(jobs.id, job.id));
    const w = worker('node-b');
    expect(await w.runOnce()).toBe(false); // the lease still holds
    await database.db
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, job.id));
    expect(await w.runOnce()).toBe(true);
    expect(await jobRow(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      lockedBy: null,
      result: { echo: 'again' },
    });
    // The dead node wakes up and reports: its write no longer matches the row.
    await completeJob(database.db, job.id, 'dead-node', { zombie: true });
    expect((await jobRow(job.id)).result).toEqual({ echo: 'again' });
  });

  it('fails a job whose lease expired on its last attempt', async () => {
    const job = await enqueueJob(sys, { kind: 'test.echo', payload: { value: 'x' }, maxAttempts: 2 });
    await database.db
      .update(jobs)
      .set({
        status: 'running',
        lockedBy: 'dead-node',
        attempts: 2,
        leaseUntil: new Date(Date.now() - 1000),
      })
      .where(eq(jobs.id, job.id));
    expect(await worker('node-b').runOnce()).toBe(false);
    expect(await jobRow(job.id)).toMatchObject({
      status: 'failed',
      error: LEASE_EXPIRED_ERROR,
      lockedBy: null,
    });
  });

  it('cancels a queued job at once and refuses to cancel it twice', async () => {
    const job = await enqueueJob(sys, { kind: 'test.echo', payload: { value: 'x' } });
    const cancelled = await cancelJob(sys, job.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    expect(await worker('node-a').runOnce()).toBe(false);
    await expect(cancelJob(sys, job.id)).rejects.toMatchObject({ code: 'JOB_NOT_CANCELLABLE', status: 409 });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, job.id))
      .orderBy(asc(auditLog.id));
    // Queued by the platform (not audited); the cancel is.
    expect(audit.map((a) => a.action)).toEqual(['job.cancel']);
  });

  it('stops a running job through its abort signal when it is cancelled', async () => {
    // A short lease makes the heartbeat, which also reads the cancel flag, come often.
    const w = worker('node-a', { leaseMs: 300 });
    const job = await enqueueJob(sys, { kind: 'test.wait' });
    const started = waitStarted();
    const run = w.runOnce();
    await started;
    expect(await cancelJob(sys, job.id)).toMatchObject({ status: 'running', cancelRequested: true });
    expect(await run).toBe(true);
    expect(await jobRow(job.id)).toMatchObject({ status: 'cancelled', attempts: 1, lockedBy: null });
  });

  it('polls on its own, and on stop hands the running job back without spending an attempt', async () => {
    const job = await enqueueJob(sys, { kind: 'test.wait' });
    const started = waitStarted();
    const w = startJobWorker({ db: database.db, log, nodeId: 'looping', pollMs: 20 });
    await started;
    expect(await jobRow(job.id)).toMatchObject({ status: 'running', lockedBy: 'looping' });
    await w.stop();
    expect(await jobRow(job.id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
  });

  it('runs each of 50 jobs exactly once with two workers racing', async () => {
    for (let n = 0; n < 50; n++) await enqueueJob(sys, { kind: 'test.count', payload: { n } });
    const a = worker('race-a');
    const b = worker('race-b', { db: otherNode?.db ?? database.db });
    const [ranA, ranB] = await Promise.all([drain(a), drain(b)]);
    expect(ranA + ranB).toBe(50);
    expect(executions.size).toBe(50);
    expect([...executions.values()].every((times) => times === 1)).toBe(true);
    const rows = await database.db.select().from(jobs);
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
  });

  it('fires a due schedule once when two workers tick together, and moves next_run_at on', async () => {
    await upsertSchedule(sys, {
      name: 'test.yearly',
      kind: 'test.count',
      cron: '0 3 1 1 *',
      payload: { n: 7 },
    });
    await database.db
      .update(jobSchedules)
      .set({ nextRunAt: new Date(Date.now() - 60_000) })
      .where(eq(jobSchedules.name, 'test.yearly'));
    const a = worker('tick-a');
    const b = worker('tick-b', { db: otherNode?.db ?? database.db });
    await Promise.all([a.runOnce(), b.runOnce()]);
    const fired = await database.db.select().from(jobs).where(eq(jobs.scheduleName, 'test.yearly'));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ kind: 'test.count', payload: { n: 7 }, createdBy: 'scheduler' });
    const [schedule] = await database.db.select().from(jobSchedules);
    expect(schedule!.lastRunAt).toBeInstanceOf(Date);
    expect(schedule!.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    // 03:00 on 1 January in Vietnam is 20:00 UTC on 31 December.
    expect(schedule!.nextRunAt.toISOString()).toMatch(/-12-31T20:00:00\.000Z$/);
    expect(executions.get(7)).toBe(1);
  });

  it('reads cron in the Asia/Ho_Chi_Minh time zone', () => {
    expect(nextCronRun('0 2 * * *', new Date('2025-07-01T00:00:00Z')).toISOString()).toBe(
      '2025-07-01T19:00:00.000Z',
    );
    expect(nextCronRun('0 * * * *', new Date('2025-07-01T00:30:00Z')).toISOString()).toBe(
      '2025-07-01T01:00:00.000Z',
    );
  });

  it('creates the built-in schedules once and keeps later changes to them', async () => {
    expect((await ensureBuiltinSchedules(database.db)).map((s) => s.name)).toEqual(
      BUILTIN_SCHEDULES.map((s) => s.name),
    );
    await upsertSchedule(sys, { ...BUILTIN_SCHEDULES[1]!, cron: '*/30 * * * *' });
    expect(await ensureBuiltinSchedules(database.db)).toEqual([]);
    const rows = await database.db.select().from(jobSchedules).orderBy(asc(jobSchedules.name));
    expect(rows.map((r) => [r.name, r.cron])).toEqual([
      ['audit.verify.daily', '0 2 * * *'],
      ['directives.remind.daily', '0 7 * * *'],
      ['events.purge.hourly', '17 * * * *'],
      ['incidents.reminders.15min', '*/15 * * * *'],
      ['sessions.cleanup.hourly', '*/30 * * * *'],
      ['vulns.trend.daily', '50 23 * * *'],
    ]);
    expect(rows[0]!.nextRunAt.getUTCHours()).toBe(19);
  });

  it('refuses an unknown kind, a bad payload and a bad cron with 400 errors, writing nothing', async () => {
    await expect(enqueueJob(sys, { kind: 'test.echo', payload: { value: 5 } })).rejects.toMatchObject({
      code: 'JOB_PAYLOAD_INVALID',
      status: 400,
    });
    await expect(
      enqueueJob(sys, { kind: 'test.echo', payload: { value: 'x', extra: true } }),
    ).rejects.toMatchObject({ code: 'JOB_PAYLOAD_INVALID' });
    await expect(enqueueJob(sys, { kind: 'no.such.kind' })).rejects.toMatchObject({
      code: 'JOB_KIND_UNKNOWN',
      status: 400,
    });
    await expect(
      upsertSchedule(sys, { name: 'bad', kind: 'test.fail', cron: 'every day', payload: {} }),
    ).rejects.toMatchObject({ code: 'JOB_SCHEDULE_INVALID', status: 400 });
    expect(await database.db.select().from(jobs)).toEqual([]);
    expect(await database.db.select().from(jobSchedules)).toEqual([]);
  });
});
