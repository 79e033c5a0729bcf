import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/schema';
import type { ChannelKind, DeliveryPurpose, DeliveryStatus, Message } from './model';

/**
 * A way to reach people: an SMTP server, a webhook URL, a Telegram bot and chat. `settings` holds what
 * may be shown; `sealed_secret` the password/token/signing key, sealed by core/secrets.ts.
 */
export const notifyChannels = pgTable(
  'notify_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ChannelKind>().notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    sealedSecret: text('sealed_secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notify_channels_unit_idx').on(t.unitId),
    check('notify_channels_kind_check', sql`${t.kind} in ('email','webhook','telegram')`),
  ],
);

/** One message to one recipient over one channel; sent by the notify.deliver job, retried with back-off. */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id').references(() => notifyChannels.id, { onDelete: 'set null' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ChannelKind>().notNull(),
    purpose: text('purpose').$type<DeliveryPurpose>().notNull(),
    recipient: text('recipient').notNull().default(''),
    subject: text('subject').notNull(),
    message: jsonb('message').$type<Message>().notNull(),
    /** What the message is about (an alert id…), for the alert's timeline; no foreign key on purpose. */
    refType: text('ref_type'),
    refId: uuid('ref_id'),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notify_deliveries_unit_created_idx').on(t.unitId, t.createdAt),
    index('notify_deliveries_ref_idx').on(t.refId),
    check('notify_deliveries_status_check', sql`${t.status} in ('queued','sent','failed')`),
  ],
);

/** Every try of a delivery: when, how long, and the peer's error. */
export const notifyAttempts = pgTable(
  'notify_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => notifyDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
  },
  (t) => [index('notify_attempts_delivery_idx').on(t.deliveryId, t.at)],
);
