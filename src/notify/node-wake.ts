import type { Executor } from '../db/client';
import { notifyDatabase } from '../db/notify';

/** The channel on which a transaction that queued jobs wakes the workers of every node at its commit. */
export const JOBS_QUEUED_CHANNEL = 'canhgac_jobs_queued';

/**
 * Call inside the transaction that queued notification work: at its commit every node listening
 * (watch/alerts/bus.ts) wakes its job worker at once instead of at its next poll. A rollback sends
 * nothing. Cheap: PostgreSQL folds identical notifications of one transaction into one.
 */
export async function announceJobsQueued(db: Executor): Promise<void> {
  await notifyDatabase(db, JOBS_QUEUED_CHANNEL);
}
