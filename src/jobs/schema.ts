import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/schema';
import { JOB_STATUSES } from './contract';

/**
 * Durable background work, queued in the same database so every node sees one queue. A worker claims a
 * row with FOR UPDATE SKIP LOCKED and holds it by a lease it keeps extending; a lease that runs out
 * (the node died) puts the job back in the queue.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    message: text('message'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    result: jsonb('result').$type<unknown>(),
    error: text('error'),
    // A unit can only be deleted when empty; its finished jobs go with it.
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    createdBy: text('created_by'),
    scheduleName: text('schedule_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // The claim query walks only queued rows, oldest due first.
    index('jobs_claim_idx').on(t.runAt, t.createdAt).where(sql`${t.status} = 'queued'`),
    // The lease sweep walks only running rows.
    index('jobs_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'running'`),
    index('jobs_created_idx').on(t.createdAt),
    index('jobs_unit_created_idx').on(t.unitId, t.createdAt),
    index('jobs_kind_created_idx').on(t.kind, t.createdAt),
    check('jobs_status_check', sql`${t.status} in ('queued','running','succeeded','failed','cancelled')`),
    check('jobs_progress_check', sql`${t.progress} between 0 and 100`),
    check('jobs_max_attempts_check', sql`${t.maxAttempts} >= 1`),
  ],
);

/** Recurring jobs. Each tick one node locks a due row, enqueues its job and moves next_run_at on. */
export const jobSchedules = pgTable(
  'job_schedules',
  {
    name: text('name').primaryKey(),
    kind: text('kind').notNull(),
    cron: text('cron').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  },
  (t) => [index('job_schedules_due_idx').on(t.nextRunAt).where(sql`${t.enabled}`)],
);
