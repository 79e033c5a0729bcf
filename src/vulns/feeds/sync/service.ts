import type { Ctx } from '../../../core/context';
import { AppError, type ErrorCode, formatMessage } from '../../../core/errors';
import type { Page } from '../../../core/pagination';
import type { Job } from '../../../jobs/contract';
import { enqueueJob } from '../../../jobs/service';
import type { FeedSyncLogEntry, FeedSyncLogQuery, FeedSyncRunRequest } from './contract';
import { FEEDS_SYNC } from './names';
import { type FeedSyncLogRow, listLogRows } from './queries';
import { loadSyncSettings } from './settings';

function toLogEntry(row: FeedSyncLogRow): FeedSyncLogEntry {
  const { errorCode, errorParams, ...rest } = row;
  const code = errorCode as ErrorCode | null;
  const params = errorParams ?? {};
  return {
    ...rest,
    error: code
      ? { code, vi: formatMessage(code, 'vi', params), en: formatMessage(code, 'en', params) }
      : null,
  };
}

export async function listFeedSyncLog(ctx: Ctx, query: FeedSyncLogQuery): Promise<Page<FeedSyncLogEntry>> {
  const { items, total } = await listLogRows(ctx.db, query);
  return { items: items.map(toLogEntry), total, page: query.page, pageSize: query.pageSize };
}

/** "Sync now": queues the job at once; refused while sync is off, so nobody waits for a job that skips. */
export async function requestFeedSync(ctx: Ctx, input: FeedSyncRunRequest): Promise<Job> {
  const settings = await loadSyncSettings(ctx.db);
  if (!settings.enabled) throw new AppError('FEED_SYNC_DISABLED');
  return enqueueJob(ctx, { kind: FEEDS_SYNC, payload: input.sources ? { sources: input.sources } : {} });
}
