import { z } from 'zod';
import type { JobKind } from '../../jobs/registry';
import { deleteEventsBefore } from './queries';

export const EVENTS_PURGE = 'events.purge';
let defaultRetentionDays = 90;

/** Set once at start from CANHGAC_EVENTS_RETENTION_DAYS; a schedule's payload may override it. */
export function setDefaultEventRetention(days: number): void {
  defaultRetentionDays = days;
}

const PurgePayload = z.object({ retentionDays: z.number().int().min(1).max(3650).optional() }).strict();

/** Deletes events received longer ago than the retention (by arrival, so late clocks cannot hide). */
export const eventsPurgeJob: JobKind<typeof PurgePayload> = {
  kind: EVENTS_PURGE,
  title: { vi: 'Xóa sự kiện nhật ký quá hạn lưu trữ', en: 'Remove log events past retention' },
  payload: PurgePayload,
  async run(payload, { ctx }) {
    const days = payload.retentionDays ?? defaultRetentionDays;
    const before = new Date(Date.now() - days * 86_400_000);
    return {
      removed: await deleteEventsBefore(ctx.db, before),
      before: before.toISOString(),
      retentionDays: days,
    };
  },
};

export const EVENT_JOB_KINDS: readonly JobKind[] = [eventsPurgeJob as unknown as JobKind];
export const EVENT_SCHEDULES = [
  { name: 'events.purge.hourly', kind: EVENTS_PURGE, cron: '17 * * * *', payload: {} },
];
