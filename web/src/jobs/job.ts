import { z } from 'zod/mini';
import { unexpectedAnswer } from '../api';

/**
 * The job shape of the jobs API (GET /api/jobs, /api/jobs/:id, POST /api/audit/verify). Kept here
 * until src/jobs/contract.ts exists; unknown fields are tolerated (and dropped), so the server may grow.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

// zod/mini: the same checks as zod at a fraction of the bundle.
const orNull = () => z._default(z.nullable(z.string()), null);

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.object({ vi: z.string(), en: z.string() }),
  status: JobStatus,
  progress: z.number().check(z.minimum(0), z.maximum(100)),
  message: orNull(),
  attempts: z.number(),
  maxAttempts: z.number(),
  unitId: orNull(),
  result: z.unknown(),
  error: orNull(),
  createdAt: z.string(),
  startedAt: orNull(),
  finishedAt: orNull(),
  runAt: orNull(),
  /** A stop was asked while the job runs; the worker ends it at its next check. */
  cancelRequested: z._default(z.boolean(), false),
});
export type Job = z.infer<typeof Job>;

export const JobPage = z.object({
  items: z.array(Job),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type JobPage = z.infer<typeof JobPage>;

export function isActive(job: Job): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** The audit-chain verdict a verify job leaves as its result (src/audit/contract.ts AuditVerdict). */
export const ChainVerdict = z.object({
  ok: z.boolean(),
  rows: z.number(),
  brokenAt: z.optional(z.object({ id: z.number() })),
});

/** Checks an answer of the jobs API against its expected shape. */
export function parseAnswer<T>(schema: z.ZodMiniType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw unexpectedAnswer();
  return parsed.data;
}
