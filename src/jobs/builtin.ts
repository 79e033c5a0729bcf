import { z } from 'zod';
import { deleteExpiredSessions } from '../auth/queries';
import { verifyAuditChain } from '../core/audit';
import { INCIDENT_SCHEDULES } from '../incidents/reminders';
import { EVENT_SCHEDULES } from '../monitoring/events/retention';
import { VULN_SCHEDULES } from '../vulns/jobs';
import type { JobKind } from './registry';

// Imports only types from registry.ts, which lists these kinds: no import cycle.

const NoPayload = z.object({}).strict();

export const AUDIT_VERIFY = 'audit.verify';
export const SESSIONS_CLEANUP = 'sessions.cleanup';

/** Walks the whole audit hash chain; the verdict is the job's result (ok false names the broken row). */
export const auditVerifyJob: JobKind<typeof NoPayload> = {
  kind: AUDIT_VERIFY,
  title: { vi: 'Kiểm tra tính toàn vẹn nhật ký kiểm toán', en: 'Verify the audit trail' },
  payload: NoPayload,
  maxAttempts: 2,
  async run(_payload, { ctx, log, progress, signal }) {
    const verdict = await verifyAuditChain(ctx.db, async (done, total) => {
      signal.throwIfAborted();
      await progress(total === 0 ? 100 : Math.floor((done * 100) / total), `${done}/${total}`);
    });
    if (!verdict.ok) log.error({ brokenAt: verdict.brokenAt }, 'audit chain broken');
    return verdict;
  },
};

/** Removes sessions past their expiry: they no longer sign anyone in, they only take space. */
export const sessionsCleanupJob: JobKind<typeof NoPayload> = {
  kind: SESSIONS_CLEANUP,
  title: { vi: 'Xóa phiên đăng nhập đã hết hạn', en: 'Remove expired sessions' },
  payload: NoPayload,
  async run(_payload, { ctx }) {
    return { removed: await deleteExpiredSessions(ctx.db, new Date()) };
  },
};

export const BUILTIN_JOB_KINDS: readonly JobKind[] = [auditVerifyJob, sessionsCleanupJob];

export type ScheduleDefinition = { name: string; kind: string; cron: string; payload: unknown };

/** Created on first start when missing; an administrator's later changes to them are kept. */
export const BUILTIN_SCHEDULES: readonly ScheduleDefinition[] = [
  { name: 'audit.verify.daily', kind: AUDIT_VERIFY, cron: '0 2 * * *', payload: {} },
  { name: 'sessions.cleanup.hourly', kind: SESSIONS_CLEANUP, cron: '0 * * * *', payload: {} },
  // incidents
  ...INCIDENT_SCHEDULES,
  // directives: every morning at 07:00 Vietnam time, before the working day starts.
  { name: 'directives.remind.daily', kind: 'directives.remind', cron: '0 7 * * *', payload: {} },
  // Monitoring: log ingest
  ...EVENT_SCHEDULES,
  // vulns: the dashboard's daily trend point
  ...VULN_SCHEDULES,
];
