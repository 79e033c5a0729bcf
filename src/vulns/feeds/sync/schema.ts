import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SourceSettings, SyncCounts, SyncRequest, SyncSource } from './contract';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Online sync of the advisory feeds: one row (id 1), absent until an administrator saves it, so the
 * defaults (sync off) hold on a fresh installation. The NVD API key and the proxy credentials are sealed
 * together (core/secrets.ts) in `sealed_secrets`; nothing else here is secret.
 */
export const feedSyncSettings = pgTable('feed_sync_settings', {
  id: integer('id').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  cron: text('cron').notNull(),
  sources: jsonb('sources').$type<SourceSettings>().notNull(),
  proxyUrl: text('proxy_url'),
  microsoftSince: text('microsoft_since').notNull(),
  nvdInitialDays: integer('nvd_initial_days').notNull(),
  sealedSecrets: text('sealed_secrets'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/** The validators (ETag, Last-Modified) of each URL last imported, for conditional requests. */
export const feedSyncResources = pgTable(
  'feed_sync_resources',
  {
    source: text('source').$type<SyncSource>().notNull(),
    url: text('url').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    fetchedAt: ts('fetched_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.url] })],
);

/** Where an incremental source stopped: NVD's last lastModEndDate, the CSAF changes.csv high-water mark. */
export const feedSyncCursors = pgTable('feed_sync_cursors', {
  source: text('source').$type<SyncSource>().primaryKey(),
  cursor: text('cursor').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One row per source per sync run: what was asked, what came back, what was imported, or why not. */
export const feedSyncLog = pgTable(
  'feed_sync_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id'),
    source: text('source').$type<SyncSource>().notNull(),
    status: text('status', { enum: ['imported', 'unchanged', 'failed'] }).notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    requests: jsonb('requests').$type<SyncRequest[]>().notNull().default(sql`'[]'::jsonb`),
    counts: jsonb('counts').$type<SyncCounts>().notNull(),
    /** An error-catalogue code and its parameters: the message is shown in the reader's language. */
    errorCode: text('error_code'),
    errorParams: jsonb('error_params').$type<Record<string, unknown>>(),
  },
  (t) => [index('feed_sync_log_source_idx').on(t.source, t.startedAt)],
);
