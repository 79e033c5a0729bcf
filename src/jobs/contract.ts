import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

/** A job kind's name in both languages, so a client shows it without its own dictionary. */
export const JobTitle = z.object({ vi: z.string(), en: z.string() });
export type JobTitle = z.infer<typeof JobTitle>;

export const Job = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: JobTitle,
  status: JobStatus,
  progress: z.number().int().min(0).max(100),
  message: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** Null: a platform-wide job, visible only to users of the root unit. */
  unitId: z.uuid().nullable(),
  createdBy: z.string().nullable(),
  scheduleName: z.string().nullable(),
  /** A cancel was asked while the job runs; the worker stops it at its next check. */
  cancelRequested: z.boolean(),
  runAt: z.date(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  result: z.unknown(),
  /** The last failure's message, never a stack trace. */
  error: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export const JobQuery = PageQuery.extend({
  status: JobStatus.optional(),
  kind: z.string().trim().min(1).max(60).optional(),
  unitId: z.uuid().optional(),
}).strict();
export type JobQuery = z.infer<typeof JobQuery>;

export const JobPage = pageOf(Job);
export const JobIdParams = z.object({ id: z.uuid() }).strict();

export const JobSchedule = z.object({
  name: z.string(),
  kind: z.string(),
  title: JobTitle,
  /** Five-field cron, read in the Asia/Ho_Chi_Minh time zone. */
  cron: z.string(),
  enabled: z.boolean(),
  nextRunAt: z.date(),
  lastRunAt: z.date().nullable(),
});
export type JobSchedule = z.infer<typeof JobSchedule>;

export const JobScheduleList = z.object({ items: z.array(JobSchedule) });
