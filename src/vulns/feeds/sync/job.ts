import { z } from 'zod';
import type { JobKind } from '../../../jobs/registry';
import { SyncSource } from './contract';
import { FEEDS_SYNC } from './names';

const SyncPayload = z.object({ sources: z.array(SyncSource).min(1).optional() }).strict();

/**
 * `feeds.sync`: fetches the enabled sources and imports what changed. Requests retry on their own with
 * backoff, so the job itself runs once per schedule tick; a failed source is in its log row.
 */
export const feedSyncJob: JobKind<typeof SyncPayload> = {
  kind: FEEDS_SYNC,
  title: { vi: 'Đồng bộ trực tuyến nguồn cảnh báo lỗ hổng', en: 'Sync the advisory feeds online' },
  payload: SyncPayload,
  maxAttempts: 1,
  async run(payload, { ctx, signal, progress }) {
    // Loaded when the job runs: the job registry is imported early, the import path (and its jobs) late.
    const { runFeedSync } = await import('./run');
    const result = await runFeedSync(ctx, { sources: payload.sources, signal });
    const failed = result.sources.filter((s) => s.status === 'failed');
    await progress(
      100,
      result.skipped ?? `${result.sources.length - failed.length}/${result.sources.length}`,
    );
    if (failed.length > 0) {
      throw new Error(failed.map((s) => `${s.source}: ${s.error?.en ?? 'failed'}`).join('; '));
    }
    return result;
  },
};

export const FEED_SYNC_JOB_KINDS: readonly JobKind[] = [feedSyncJob as unknown as JobKind];
