// Names only, no imports: the job registry reads these while the rest of the sync module may still be loading.
export const FEEDS_SYNC = 'feeds.sync';
export const FEEDS_SYNC_SCHEDULE = 'feeds.sync.scheduled';
