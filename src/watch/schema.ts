import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../units/schema';
import { users } from '../users/schema';
import type {
  AlertEventKind,
  AlertLevel,
  AlertStatus,
  CloseReason,
  EscalationStep,
  EventRef,
  Rotation,
} from './model';

/** Ordered escalation steps, owned by a unit and used by its rosters. */
export const watchPolicies = pgTable(
  'watch_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    steps: jsonb('steps').$type<EscalationStep[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watch_policies_unit_idx').on(t.unitId)],
);

/**
 * A unit's duty rotation: `members` take turns, one shift each, the first shift starting on
 * `start_date` at `handoff_time` (Vietnam time). The nearest roster up the unit tree covers an alert.
 */
export const watchRosters = pgTable(
  'watch_rosters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    rotation: text('rotation').$type<Rotation>().notNull(),
    handoffTime: text('handoff_time').notNull(),
    startDate: date('start_date').notNull(),
    members: jsonb('members').$type<string[]>().notNull(),
    supervisorId: uuid('supervisor_id').references(() => users.id, { onDelete: 'set null' }),
    policyId: uuid('policy_id').references(() => watchPolicies.id, { onDelete: 'set null' }),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('watch_rosters_unit_idx').on(t.unitId),
    check('watch_rosters_rotation_check', sql`${t.rotation} in ('daily','weekly')`),
  ],
);

/** Someone else on duty for an interval (a holiday, a swap, sick leave); the newest override wins. */
export const watchOverrides = pgTable(
  'watch_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rosterId: uuid('roster_id')
      .notNull()
      .references(() => watchRosters.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('watch_overrides_roster_idx').on(t.rosterId, t.startsAt),
    check('watch_overrides_interval_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** The outgoing person's notes at the end of a shift (sổ giao ca). */
export const watchHandovers = pgTable(
  'watch_handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rosterId: uuid('roster_id')
      .notNull()
      .references(() => watchRosters.id, { onDelete: 'cascade' }),
    shiftStart: timestamp('shift_start', { withTimezone: true }).notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    notes: text('notes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watch_handovers_roster_idx').on(t.rosterId, t.createdAt)],
);

/** A detection that needs a person: from a Sigma match or correlation, grouped while it repeats. */
export const watchAlerts = pgTable(
  'watch_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    ruleTitle: text('rule_title').notNull(),
    /** DRL 1.1: the rule's author is shown wherever the match is. */
    ruleAuthor: text('rule_author').notNull(),
    title: text('title').notNull(),
    level: text('level').$type<AlertLevel>().notNull(),
    groupKey: text('group_key').notNull().default(''),
    status: text('status').$type<AlertStatus>().notNull().default('new'),
    closeReason: text('close_reason').$type<CloseReason>(),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    count: integer('count').notNull().default(1),
    /**
     * The count when a person last changed the status (null while new): a repeat that finds the count
     * still there is the first since someone handled the alert, the one repeat the audit records.
     */
    countWhenHandled: integer('count_when_handled'),
    events: jsonb('events').$type<EventRef[]>().notNull().default([]),
    excerpt: text('excerpt').notNull().default(''),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The policy escalating it (from the covering roster) and the last step that ran. */
    policyId: uuid('policy_id').references(() => watchPolicies.id, { onDelete: 'set null' }),
    rosterId: uuid('roster_id').references(() => watchRosters.id, { onDelete: 'set null' }),
    escalationStep: integer('escalation_step').notNull().default(-1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('watch_alerts_unit_seen_idx').on(t.unitId, t.lastSeenAt),
    index('watch_alerts_seen_idx').on(t.lastSeenAt),
    // Grouping looks up the open alert of (unit, rule, group key).
    index('watch_alerts_group_idx')
      .on(t.unitId, t.ruleId, t.groupKey, t.lastSeenAt)
      .where(sql`${t.status} <> 'closed'`),
    check('watch_alerts_level_check', sql`${t.level} in ('informational','low','medium','high','critical')`),
    check('watch_alerts_status_check', sql`${t.status} in ('new','acknowledged','in_progress','closed')`),
  ],
);

/**
 * The live stream's journal: one row per alert change, written last in the changing transaction under
 * one lock, so ids follow commit order. A console reconnecting with Last-Event-ID is replayed, from
 * here and so from any node, the changes after that id; rows older than a day are pruned.
 */
export const watchAlertChanges = pgTable(
  'watch_alert_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => watchAlerts.id, { onDelete: 'cascade' }),
    type: text('type').$type<'raised' | 'repeated' | 'updated'>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * What the change left the alert at, so a replay shows each change as it was, not the alert as it
     * is now. Null only in rows written before these columns existed (the replay then shows it now).
     */
    status: text('status').$type<AlertStatus>(),
    closeReason: text('close_reason').$type<CloseReason>(),
    assigneeId: uuid('assignee_id'),
    escalationStep: integer('escalation_step'),
    count: integer('count'),
  },
  (t) => [
    index('watch_alert_changes_at_idx').on(t.at),
    check('watch_alert_changes_type_check', sql`${t.type} in ('raised','repeated','updated')`),
  ],
);

/** The alert's timeline: raised, repeats, status changes, assignments, comments, notifications. */
export const watchAlertEvents = pgTable(
  'watch_alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => watchAlerts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').$type<AlertEventKind>().notNull(),
    actorName: text('actor_name'),
    body: text('body'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('watch_alert_events_alert_idx').on(t.alertId, t.id)],
);

/** One-time acknowledge links sent in messages: only the SHA-256 of the token is kept. */
export const watchAckTokens = pgTable(
  'watch_ack_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => watchAlerts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    recipientName: text('recipient_name').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('watch_ack_tokens_hash_idx').on(t.tokenHash),
    index('watch_ack_tokens_alert_idx').on(t.alertId),
  ],
);

export type WatchAlertRow = typeof watchAlerts.$inferSelect;
