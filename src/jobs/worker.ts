import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { systemCtx } from '../core/context';
import type { Db, Executor } from '../db/client';
import {
  advanceSchedule,
  claimNextJob,
  completeJob,
  extendLease,
  failJob,
  type JobRow,
  type JobScheduleRow,
  lockDueSchedule,
  markJobCancelled,
  reclaimExpiredJobs,
  releaseJob,
  retryJobLater,
  writeJobProgress,
} from './queries';
import { findJobKind, type JobKind, jobKindNames } from './registry';
import { enqueueJob, nextCronRun } from './service';
import { onJobsQueued } from './wake';

export type JobWorkerOptions = {
  db: Db;
  log: Logger;
  /** Written to jobs.locked_by; "<hostname>:<pid>" when absent. Must differ between nodes. */
  nodeId?: string;
  /** How often an idle worker looks for due jobs, due schedules and expired leases. */
  pollMs?: number;
  /** How long a claimed job stays this node's without a heartbeat; a dead node's jobs return after it. */
  leaseMs?: number;
  /** Backoff unit: after failed attempt n the job waits 2^n × retryBaseMs (at most one hour). */
  retryBaseMs?: number;
  /** false: no timer at all; the caller drives the worker with runOnce() (tests, CLI). */
  loop?: boolean;
};

export type JobWorker = {
  nodeId: string;
  /** Sweeps expired leases, fires due schedules, then runs at most one job to its end. True if it ran one. */
  runOnce(): Promise<boolean>;
  /** Stops polling, aborts the running job (it goes back to the queue) and waits for it briefly. */
  stop(): Promise<void>;
};

type StopReason = 'cancel' | 'shutdown' | 'lease-lost';
type Execution = { abort(reason: StopReason): void; done: Promise<void> };

const PROGRESS_MIN_INTERVAL_MS = 500;
const MAX_BACKOFF_MS = 60 * 60_000;
const MAX_SCHEDULES_PER_TICK = 20;
const MAX_ERROR_LENGTH = 2000;

/** The reason a job's signal was aborted; handlers that rethrow it end up here. */
export class JobStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`job stopped: ${reason}`);
    this.name = 'JobStopped';
  }
}

/** What a user sees of a failure: its message only; the stack goes to the log. */
function publicMessage(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

function clampPercent(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0;
}

/**
 * At most one progress write per PROGRESS_MIN_INTERVAL_MS; the latest value always lands (a trailing
 * write). report() never waits for the database, so a handler may call it inside its own transaction.
 */
function throttledProgress(
  write: (percent: number, message: string | undefined) => Promise<void>,
  onError: (error: unknown) => void,
) {
  let lastAt = 0;
  let pending: { percent: number; message: string | undefined } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();
  let closed = false;
  const flush = () => {
    timer = undefined;
    const next = pending;
    pending = undefined;
    if (!next || closed) return;
    lastAt = Date.now();
    // A lost progress write is not worth failing the job for; the next one or the final status repairs it.
    chain = chain.then(() => write(next.percent, next.message)).catch(onError);
  };
  return {
    report(percent: number, message?: string): Promise<void> {
      if (closed) return Promise.resolve();
      pending = { percent: clampPercent(percent), message: message?.slice(0, 500) };
      const wait = lastAt + PROGRESS_MIN_INTERVAL_MS - Date.now();
      if (wait <= 0 && !timer) flush();
      else timer ??= setTimeout(flush, Math.max(wait, 0));
      return Promise.resolve();
    },
    /** Writes the last value still waiting out the throttle, then waits for every write. */
    async close(): Promise<void> {
      clearTimeout(timer);
      flush();
      closed = true;
      await chain;
    },
  };
}

export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { db } = options;
  const nodeId = options.nodeId ?? `${hostname()}:${process.pid}`;
  const pollMs = options.pollMs ?? 2000;
  const leaseMs = options.leaseMs ?? 60_000;
  const retryBaseMs = options.retryBaseMs ?? 5000;
  // Often enough that a cancel is seen within a poll, and the lease is renewed well before it ends.
  const heartbeatMs = Math.max(50, Math.min(pollMs, Math.floor(leaseMs / 3)));
  const log = options.log.child({ cap: 'jobs', nodeId });
  const executions = new Set<Execution>();
  let stopped = false;

  async function sweepExpiredLeases(): Promise<void> {
    for (const row of await reclaimExpiredJobs(db)) {
      log.warn({ jobId: row.id, kind: row.kind, status: row.status }, 'job lease expired');
    }
  }

  async function fireSchedule(tx: Executor, schedule: JobScheduleRow, now: Date): Promise<void> {
    let nextRunAt: Date;
    try {
      nextRunAt = nextCronRun(schedule.cron, now);
    } catch (error) {
      log.error({ err: error, schedule: schedule.name, cron: schedule.cron }, 'bad cron; schedule disabled');
      await advanceSchedule(tx, schedule.name, { enabled: false });
      return;
    }
    try {
      await enqueueJob(systemCtx(tx, log, 'scheduler'), {
        kind: schedule.kind,
        payload: schedule.payload,
        scheduleName: schedule.name,
      });
    } catch (error) {
      // A kind or payload this build refuses: skip this firing, keep the schedule moving.
      log.error({ err: error, schedule: schedule.name }, 'scheduled job not queued');
    }
    await advanceSchedule(tx, schedule.name, { nextRunAt, lastRunAt: now });
  }

  /** Each due schedule is locked, fired and advanced in one transaction: with many nodes it fires once. */
  async function fireDueSchedules(): Promise<void> {
    for (let i = 0; i < MAX_SCHEDULES_PER_TICK; i++) {
      // PGlite has one connection: inside this transaction only `tx` may be used.
      const fired = await db.transaction(async (tx) => {
        const due = await lockDueSchedule(tx);
        if (!due) return false;
        await fireSchedule(tx, due.schedule, due.now);
        return true;
      });
      if (!fired) return;
    }
  }

  async function settleFailure(job: JobRow, reason: StopReason | undefined, error: unknown, jobLog: Logger) {
    if (reason === 'cancel') {
      await markJobCancelled(db, job.id, nodeId);
      jobLog.info('job cancelled');
    } else if (reason === 'shutdown') {
      await releaseJob(db, job.id, nodeId);
      jobLog.info('job handed back at shutdown');
    } else if (reason === 'lease-lost') {
      jobLog.warn({ err: error }, 'job lost its lease; another node owns it now');
    } else if (job.attempts < job.maxAttempts) {
      const delayMs = Math.min(2 ** job.attempts * retryBaseMs, MAX_BACKOFF_MS);
      await retryJobLater(db, job.id, nodeId, publicMessage(error), delayMs);
      jobLog.warn({ err: error, delayMs }, 'job failed; will retry');
    } else {
      await failJob(db, job.id, nodeId, publicMessage(error));
      jobLog.error({ err: error }, 'job failed; no attempts left');
    }
  }

  async function runHandler(job: JobRow, kind: JobKind, jobLog: Logger, execution: Execution) {
    let reason: StopReason | undefined;
    const controller = new AbortController();
    execution.abort = (why) => {
      if (reason) return;
      reason = why;
      controller.abort(new JobStopped(why));
    };
    const watch = (state: { cancelRequested: boolean } | undefined) => {
      if (!state) execution.abort('lease-lost');
      else if (state.cancelRequested) execution.abort('cancel');
    };
    const progress = throttledProgress(
      async (percent, message) => watch(await writeJobProgress(db, job.id, nodeId, percent, message)),
      (err) => jobLog.warn({ err }, 'progress write failed'),
    );
    const heartbeat = setInterval(() => {
      extendLease(db, job.id, nodeId, leaseMs).then(watch, (err) => jobLog.warn({ err }, 'heartbeat failed'));
    }, heartbeatMs);
    try {
      const parsed = kind.payload.safeParse(job.payload);
      if (!parsed.success) {
        // Queued by an older build with another payload shape: retrying cannot help.
        await failJob(
          db,
          job.id,
          nodeId,
          `invalid payload: ${parsed.error.message}`.slice(0, MAX_ERROR_LENGTH),
        );
        return;
      }
      const ctx = { ...systemCtx(db, jobLog, `job:${job.kind}`), unitId: job.unitId };
      const value = await kind.run(parsed.data, {
        progress: progress.report,
        log: jobLog,
        signal: controller.signal,
        ctx,
      });
      const result = JSON.parse(JSON.stringify(value ?? null)) as unknown;
      await progress.close();
      if (reason === 'lease-lost') {
        jobLog.warn('job ended after losing its lease; result dropped');
        return;
      }
      await completeJob(db, job.id, nodeId, result);
      jobLog.info('job succeeded');
    } catch (error) {
      await progress.close();
      await settleFailure(job, reason, error, jobLog);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Runs a claimed job to its end. Never throws: if the final write fails, the lease sweep recovers it. */
  function execute(job: JobRow): Promise<void> {
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const execution: Execution = { abort: () => undefined, done: Promise.resolve() };
    const kind = findJobKind(job.kind);
    execution.done = (async () => {
      try {
        if (!kind) await failJob(db, job.id, nodeId, `no handler for job kind ${job.kind}`);
        else await runHandler(job, kind, jobLog, execution);
      } catch (error) {
        jobLog.error({ err: error }, 'job bookkeeping failed; the lease sweep will recover it');
      } finally {
        executions.delete(execution);
      }
    })();
    executions.add(execution);
    return execution.done;
  }

  async function claim(): Promise<JobRow | undefined> {
    return claimNextJob(db, nodeId, leaseMs, jobKindNames());
  }

  async function runOnce(): Promise<boolean> {
    if (stopped) return false;
    await sweepExpiredLeases();
    await fireDueSchedules();
    const job = await claim();
    if (!job) return false;
    await execute(job);
    return true;
  }

  // The background loop: one job at a time; maintenance keeps running while a job is busy.
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let tickAgain = false;
  let busy = false;

  async function tick(): Promise<void> {
    try {
      await sweepExpiredLeases();
      await fireDueSchedules();
      if (!busy && !stopped) {
        const job = await claim();
        if (job) {
          busy = true;
          void execute(job).finally(() => {
            busy = false;
            wake(0);
          });
        }
      }
    } catch (error) {
      log.error({ err: error }, 'job worker tick failed');
    }
  }

  function wake(delayMs: number): void {
    if (stopped || options.loop === false) return;
    if (ticking) {
      tickAgain = tickAgain || delayMs === 0;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        ticking = undefined;
        const again = tickAgain;
        tickAgain = false;
        wake(again ? 0 : pollMs);
      });
    }, delayMs);
  }

  wake(0);
  // Work queued in this process (an alert's notification) starts now rather than at the next poll.
  const unsubscribe = onJobsQueued(() => wake(0));
  log.info({ pollMs, leaseMs, loop: options.loop !== false }, 'job worker started');

  return {
    nodeId,
    runOnce,
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      await ticking;
      for (const execution of executions) execution.abort('shutdown');
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...executions].map((e) => e.done)),
        new Promise<void>((resolve) => {
          grace = setTimeout(resolve, Math.min(leaseMs, 10_000));
        }),
      ]);
      clearTimeout(grace);
      log.info('job worker stopped');
    },
  };
}
