import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../units/schema';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const LOG_SOURCE_KINDS = ['syslog', 'http'] as const;

/**
 * Who may send logs, on behalf of which unit: syslog senders by address or CIDR (the most specific
 * match wins), HTTP shippers by their own ingest token (stored as a SHA-256 hash, shown once).
 */
export const logSources = pgTable(
  'log_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: LOG_SOURCE_KINDS }).notNull(),
    /** Syslog: the sender's address or network, e.g. 10.1.2.0/24 or 10.1.2.3/32. */
    cidr: text('cidr'),
    tokenHash: text('token_hash'),
    tokenPrefix: text('token_prefix'),
    /** Minutes east of UTC for timestamps without a zone (Vietnam: 420). */
    tzOffsetMinutes: integer('tz_offset_minutes').notNull().default(420),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('log_sources_unit_idx').on(t.unitId),
    uniqueIndex('log_sources_cidr_idx').on(t.cidr).where(sql`${t.cidr} is not null`),
    uniqueIndex('log_sources_token_idx').on(t.tokenHash).where(sql`${t.tokenHash} is not null`),
  ],
);

/**
 * Events stored in blocks (docs/decisions/007-event-blocks.md): one row per written batch per
 * (unit, source), the batch's events packed in `data` (see events/block-codec.ts for `encoding`).
 * Searches prune blocks by these summaries (unit, source, time range, hosts/apps sets), then decode
 * and filter; an event's id is `id * 65536 + its index in the block`. No foreign keys, as before.
 */
export const eventBlocks = pgTable(
  'event_blocks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    unitId: uuid('unit_id').notNull(),
    sourceId: uuid('source_id'),
    minTime: timestamp('min_time', { withTimezone: true }).notNull(),
    maxTime: timestamp('max_time', { withTimezone: true }).notNull(),
    minReceivedAt: timestamp('min_received_at', { withTimezone: true }).notNull(),
    maxReceivedAt: timestamp('max_received_at', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
    encoding: text('encoding').notNull(),
    /** Distinct hosts / apps in the block; null when there were too many to be worth listing. */
    hosts: text('hosts').array(),
    apps: text('apps').array(),
    data: bytea('data').notNull(),
  },
  (t) => [
    index('event_blocks_unit_max_time_idx').on(t.unitId, t.maxTime),
    index('event_blocks_unit_min_time_idx').on(t.unitId, t.minTime),
    index('event_blocks_source_max_time_idx').on(t.sourceId, t.maxTime),
    index('event_blocks_received_idx').on(t.maxReceivedAt),
  ],
);

/** Senders that match no source: counted and shown to administrators, their events not stored. */
export const unknownSenders = pgTable('unknown_senders', {
  address: text('address').primaryKey(),
  transport: text('transport').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  lastMessage: text('last_message'),
});
