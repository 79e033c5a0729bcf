import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { rematch } from './rematch';
import { snapshotFindingTrend } from './trend';

export const VULNS_REMATCH = 'vulns.rematch';
export const VULNS_TREND_SNAPSHOT = 'vulns.trend.snapshot';

const RematchPayload = z.object({ hostIds: z.array(z.uuid()).max(50_000).optional() }).strict();

/** Re-matches hosts against the stored advisories; queued after a feed or an inventory import. */
export const rematchJob: JobKind<typeof RematchPayload> = {
  kind: VULNS_REMATCH,
  title: { vi: 'Đối chiếu lỗ hổng với tài sản', en: 'Match vulnerabilities against inventory' },
  payload: RematchPayload,
  async run(payload, { ctx, progress }) {
    const result = await rematch(ctx, { hostIds: payload.hostIds, progress });
    // Right after the findings change, so the trend has a point from the first match of a fresh install.
    const trend = await snapshotFindingTrend(ctx);
    await progress(100, `${result.vulnerable} / ${result.unknown} / ${result.closed}`);
    return { ...result, trend };
  },
};

const NoPayload = z.object({}).strict();

/** Writes today's point of the dashboard's trend (re-running it the same day replaces that point). */
export const trendSnapshotJob: JobKind<typeof NoPayload> = {
  kind: VULNS_TREND_SNAPSHOT,
  title: { vi: 'Ghi số liệu xu hướng lỗ hổng trong ngày', en: "Record the day's vulnerability trend" },
  payload: NoPayload,
  async run(_payload, { ctx }) {
    return snapshotFindingTrend(ctx);
  },
};

/** Late in the Vietnam day, so the point shows the day's work; a re-match during the day also writes it. */
export const VULN_SCHEDULES = [
  { name: 'vulns.trend.daily', kind: VULNS_TREND_SNAPSHOT, cron: '50 23 * * *', payload: {} },
] as const;

export const VULN_JOB_KINDS: readonly JobKind[] = [
  rematchJob as unknown as JobKind,
  trendSnapshotJob as unknown as JobKind,
];
