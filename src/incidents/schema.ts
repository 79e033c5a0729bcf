import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { storedFiles } from '../files/schema';
import { units } from '../units/schema';
import { users } from '../users/schema';
import type {
  IncidentCategory,
  IncidentSeverity,
  IncidentStatus,
  IndicatorType,
  Regime,
  ReportForm,
  SendChannel,
  SourceKind,
  TimelineKind,
} from './model';

/** One incident case (sự cố), owned by the unit that handles it. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    /** "SC-2026-0007": what people say on the phone; unique per year. */
    reference: text('reference').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').$type<IncidentCategory>().notNull(),
    severity: text('severity').$type<IncidentSeverity>().notNull(),
    /** QĐ 05/2017 Art 9: both conditions met (decided by a person, not computed). */
    serious: boolean('serious').notNull().default(false),
    /** Beyond the operator's own capacity: Báo cáo ban đầu is due at once (TT 20 Art 9.3.b). */
    beyondCapacity: boolean('beyond_capacity').notNull().default(false),
    regime: text('regime').$type<Regime>().notNull(),
    status: text('status').$type<IncidentStatus>().notNull().default('new'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    /** When the response ended (entering "closed"): the start of the Báo cáo kết thúc deadline. */
    responseEndedAt: timestamp('response_ended_at', { withTimezone: true }),
    affectedSystems: text('affected_systems').notNull().default(''),
    affectedUnitIds: jsonb('affected_unit_ids').$type<string[]>().notNull().default([]),
    hostIds: jsonb('host_ids').$type<string[]>().notNull().default([]),
    sourceKind: text('source_kind').$type<SourceKind>().notNull().default('manual'),
    sourceId: text('source_id'),
    sourceSummary: text('source_summary'),
    lessonsLearned: text('lessons_learned'),
    /** Who handles the case and receives its deadline reminders (a user of an affected unit or of the root). */
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incidents_unit_idx').on(t.unitId),
    index('incidents_status_idx').on(t.status),
    // One case per source finding: a re-run of the caller does not open a second case.
    uniqueIndex('incidents_source_idx').on(t.sourceKind, t.sourceId).where(sql`${t.sourceId} is not null`),
  ],
);

/** The timeline: every action with who and when. Append-only by use (no route updates or deletes a row). */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    /** When it happened (a person may log an action after the fact); recordedAt is when it was written. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<TimelineKind>().notNull(),
    text: text('text').notNull(),
    actorName: text('actor_name'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.at)],
);

/** Evidence: a link to a stored file (SHA-256 taken on arrival, never updated) with what it shows. */
export const incidentEvidence = pgTable(
  'incident_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    description: text('description').notNull().default(''),
    addedBy: text('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_evidence_incident_idx').on(t.incidentId)],
);

/** Indicators of compromise, normalised on entry; one value per type per case. */
export const incidentIndicators = pgTable(
  'incident_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    type: text('type').$type<IndicatorType>().notNull(),
    value: text('value').notNull(),
    comment: text('comment').notNull().default(''),
    /** MISP "to_ids": fit for detection rules (false for e.g. a shared hosting IP). */
    forDetection: boolean('for_detection').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('incident_indicators_value_idx').on(t.incidentId, t.type, t.value),
    // Value-indexed so that "which cases saw this IP" is one lookup (MONITORING.md §4: correlate on demand).
    index('incident_indicators_lookup_idx').on(t.type, t.value),
  ],
);

/** One row per case and form: the editable fields, and the last generated DOCX. */
export const incidentReports = pgTable(
  'incident_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    form: text('form').$type<ReportForm>().notNull(),
    regime: text('regime').$type<Regime>().notNull(),
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    recipientContactIds: jsonb('recipient_contact_ids').$type<string[]>().notNull().default([]),
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    generatedBy: text('generated_by'),
    generatedAt: timestamp('generated_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentVia: text('sent_via').$type<SendChannel>(),
    sentBy: text('sent_by'),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('incident_reports_form_idx').on(t.incidentId, t.form)],
);

/** Reminders the scheduled job produced: one per report and threshold, so a rerun never repeats one. */
export const incidentReminders = pgTable(
  'incident_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    form: text('form').$type<ReportForm>().notNull(),
    threshold: text('threshold').$type<'due_soon' | 'overdue'>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('incident_reminders_once_idx').on(t.incidentId, t.form, t.threshold, t.dueAt)],
);

/** The contact directory: national points of the dispatch (shipped) and those an admin adds. */
export const incidentContacts = pgTable('incident_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Set for the shipped entries, so shipping them again never duplicates or overwrites an admin's edit. */
  builtinCode: text('builtin_code').unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  phone: text('phone'),
  hotline: text('hotline'),
  email: text('email'),
  /** The forms this body receives by default (TT 20/2017 Art 9–10 recipients). */
  receives: jsonb('receives').$type<ReportForm[]>().notNull().default([]),
  note: text('note').notNull().default(''),
  source: text('source').notNull().default(''),
  checkedOn: date('checked_on'),
  active: boolean('active').notNull().default(true),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An admin's deadline for one form under one regime, overriding the shipped default (REGULATIONS.md §7.2). */
export const incidentDeadlineSettings = pgTable(
  'incident_deadline_settings',
  {
    regime: text('regime').$type<Regime>().notNull(),
    form: text('form').$type<ReportForm>().notNull(),
    hours: integer('hours').notNull(),
    source: text('source').notNull().default(''),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regime, t.form] })],
);
