import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
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
 * One row per event (docs/decisions/003-event-storage.md). No foreign keys: the hot insert path
 * checks nothing per row, and events outlive neither retention nor their unit's registration.
 * Field search uses `fields @>` inside a unit and time range (btree), without a GIN index: GIN cost
 * more insert throughput than it saved on searches bounded by time.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    time: timestamp('time', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    unitId: uuid('unit_id').notNull(),
    sourceId: uuid('source_id'),
    senderIp: text('sender_ip'),
    host: text('host'),
    app: text('app'),
    facility: smallint('facility'),
    severity: smallint('severity'),
    format: text('format').notNull(),
    message: text('message').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    raw: bytea('raw'),
    parseError: text('parse_error'),
  },
  (t) => [
    index('events_unit_time_idx').on(t.unitId, t.time),
    index('events_source_time_idx').on(t.sourceId, t.time),
    index('events_received_idx').on(t.receivedAt),
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
