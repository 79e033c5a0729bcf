import { CronExpressionParser } from 'cron-parser';
import type { Logger } from 'pino';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction, systemCtx } from '../core/context';
import { AppError } from '../core/errors';
import { createLogger } from '../core/log';
import type { Page } from '../core/pagination';
import type { Executor } from '../db/client';
import { loadUnitInScope } from '../units/service';
import { BUILTIN_SCHEDULES, type ScheduleDefinition } from './builtin';
import type { Job, JobQuery, JobSchedule } from './contract';
import {
  cancelQueuedJob,
  findJobById,
  flagRunningJobCancel,
  insertJob,
  insertScheduleIfMissing,
  type JobRow,
  type JobScheduleRow,
  listJobRows,
  listScheduleRows,
  upsertScheduleRow,
} from './queries';
import { DEFAULT_MAX_ATTEMPTS, findJobKind, type JobKind, jobTitle } from './registry';

/** Schedules are read as wall-clock time in Vietnam ("0 2 * * *" is 02:00 ICT, 19:00 UTC). */
export const JOB_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const MAX_ATTEMPTS_LIMIT = 20;

export function toJob(row: JobRow): Job {
  const { payload: _payload, lockedBy: _lockedBy, leaseUntil: _leaseUntil, ...rest } = row;
  return { ...rest, title: jobTitle(row.kind), result: row.result ?? null };
}

function toSchedule(row: JobScheduleRow): JobSchedule {
  const { payload: _payload, ...rest } = row;
  return { ...rest, title: jobTitle(row.kind) };
}

/** The first time the cron expression fires strictly after `after`; throws on a bad expression. */
export function nextCronRun(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: JOB_TIME_ZONE }).next().toDate();
}

/** The root's users and the platform itself see platform-wide jobs (unit_id null). */
function seesPlatformJobs(ctx: Ctx): boolean {
  return ctx.unitPath === null || ctx.unitPath.split('/').length === 3;
}

function checkedKind(kind: string): JobKind {
  const found = findJobKind(kind);
  if (!found) throw new AppError('JOB_KIND_UNKNOWN', { kind });
  return found;
}

function checkedPayload(kind: JobKind, payload: unknown): unknown {
  const parsed = kind.payload.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
    .join('; ');
  throw new AppError('JOB_PAYLOAD_INVALID', { kind: kind.kind, problems });
}

export type EnqueueJob = {
  kind: string;
  payload?: unknown;
  /** The unit the job works for; absent or null for platform-wide work (then only root users see it). */
  unitId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  scheduleName?: string;
};

/**
 * Only what a person (signed in, or through an API token) asked for goes to the audit trail. Jobs the
 * platform queues for itself (the scheduler, the outbox's notify.deliver on the alert path, escalation
 * steps, re-matches after an import run by a job) are already recorded, with their creator, in the job
 * table: an audit row for each of them would bury what people did under what the machine did.
 */
export function enqueuedByPerson(ctx: Ctx): boolean {
  return ctx.actor.type === 'user' || ctx.actor.type === 'token';
}

/**
 * Validates kind and payload, checks the unit is in the caller's scope and queues the job; audits it
 * when a person enqueued it (see enqueuedByPerson).
 */
export async function enqueueJob(ctx: Ctx, input: EnqueueJob): Promise<Job> {
  const kind = checkedKind(input.kind);
  const payload = checkedPayload(kind, input.payload);
  const maxAttempts = input.maxAttempts ?? kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new AppError('JOB_PAYLOAD_INVALID', {
      kind: kind.kind,
      problems: `maxAttempts: 1..${MAX_ATTEMPTS_LIMIT}`,
    });
  }
  return inTransaction(ctx, async (tx) => {
    const unitId = input.unitId ?? null;
    if (unitId) await loadUnitInScope(tx, unitId);
    const row = await insertJob(tx.db, {
      kind: kind.kind,
      payload,
      unitId,
      maxAttempts,
      ...(input.runAt ? { runAt: input.runAt } : {}),
      createdBy: tx.actor.name ?? tx.actor.type,
      scheduleName: input.scheduleName ?? null,
    });
    if (enqueuedByPerson(tx)) {
      await recordAudit(tx, {
        action: 'job.enqueue',
        targetType: 'job',
        targetId: row.id,
        unitId,
        details: { kind: row.kind, payload, maxAttempts, runAt: row.runAt, scheduleName: row.scheduleName },
      });
    }
    return toJob(row);
  });
}

async function loadJobInScope(ctx: Ctx, id: string, options: { lock?: boolean } = {}): Promise<JobRow> {
  const found = await findJobById(ctx.db, id, options);
  if (!found) throw new AppError('JOB_NOT_FOUND', { jobId: id });
  const { job, unitPath } = found;
  if (job.unitId === null || unitPath === null) {
    if (!seesPlatformJobs(ctx)) throw new AppError('SCOPE_FORBIDDEN', { jobId: id });
  } else {
    assertInScope(ctx, { id: job.unitId, path: unitPath });
  }
  return job;
}

export async function getJob(ctx: Ctx, id: string): Promise<Job> {
  return toJob(await loadJobInScope(ctx, id));
}

export async function listJobs(ctx: Ctx, query: JobQuery): Promise<Page<Job>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total } = await listJobRows(
    ctx.db,
    { path: ctx.unitPath, includeUnitless: seesPlatformJobs(ctx) },
    query,
  );
  return { items: items.map(toJob), total, page: query.page, pageSize: query.pageSize };
}

/**
 * A queued job is cancelled at once. A running one is flagged: its worker sees the flag at its next
 * heartbeat or progress write and aborts the handler's signal. A finished job cannot be cancelled.
 */
export async function cancelJob(ctx: Ctx, id: string): Promise<Job> {
  return inTransaction(ctx, async (tx) => {
    // The row lock makes a worker's claim skip this job while we decide.
    const current = await loadJobInScope(tx, id, { lock: true });
    const row =
      current.status === 'queued'
        ? await cancelQueuedJob(tx.db, id)
        : current.status === 'running'
          ? await flagRunningJobCancel(tx.db, id)
          : undefined;
    if (!row) throw new AppError('JOB_NOT_CANCELLABLE', { jobId: id, status: current.status });
    await recordAudit(tx, {
      action: 'job.cancel',
      targetType: 'job',
      targetId: id,
      unitId: row.unitId,
      details: { kind: row.kind, was: current.status },
    });
    return toJob(row);
  });
}

export async function listSchedules(ctx: Ctx): Promise<{ items: JobSchedule[] }> {
  return { items: (await listScheduleRows(ctx.db)).map(toSchedule) };
}

function checkedSchedule(input: ScheduleDefinition, now: Date) {
  const kind = checkedKind(input.kind);
  const payload = checkedPayload(kind, input.payload);
  let nextRunAt: Date;
  try {
    nextRunAt = nextCronRun(input.cron, now);
  } catch {
    throw new AppError('JOB_SCHEDULE_INVALID', { cron: input.cron });
  }
  return { name: input.name, kind: kind.kind, cron: input.cron, payload, nextRunAt };
}

/**
 * Creates or replaces a schedule (kind, cron, payload, enabled); the next run is computed from now.
 * `onlyIfMissing` leaves an existing row untouched, so an administrator's changes survive restarts.
 */
export async function upsertSchedule(
  ctx: Ctx,
  input: ScheduleDefinition & { enabled?: boolean },
  options: { onlyIfMissing?: boolean; now?: Date } = {},
): Promise<JobSchedule | undefined> {
  const values = { ...checkedSchedule(input, options.now ?? new Date()), enabled: input.enabled ?? true };
  return inTransaction(ctx, async (tx) => {
    const row = options.onlyIfMissing
      ? await insertScheduleIfMissing(tx.db, values)
      : await upsertScheduleRow(tx.db, values);
    if (!row) return undefined;
    await recordAudit(tx, {
      action: 'job.schedule_save',
      targetType: 'job_schedule',
      targetId: row.name,
      unitId: null,
      details: { kind: row.kind, cron: row.cron, enabled: row.enabled },
    });
    return toSchedule(row);
  });
}

/** Creates the built-in schedules that are missing; safe to run on every start of every node. */
export async function ensureBuiltinSchedules(
  db: Executor,
  log: Logger = createLogger('silent'),
): Promise<JobSchedule[]> {
  const ctx = systemCtx(db, log, 'scheduler');
  const created: JobSchedule[] = [];
  for (const schedule of BUILTIN_SCHEDULES) {
    const row = await upsertSchedule(ctx, schedule, { onlyIfMissing: true });
    if (row) created.push(row);
  }
  if (created.length > 0) log.info({ schedules: created.map((s) => s.name) }, 'built-in schedules created');
  return created;
}
