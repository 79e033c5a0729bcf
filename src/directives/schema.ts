import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from '../files/schema';
import { units } from '../units/schema';
import { ANSWER_STATUSES } from './statuses';

/**
 * An incoming directive (văn bản chỉ đạo) as a unit received it: the higher body's number, date and
 * subject, the scanned or signed file, and the dispatch the unit composed from it to forward the tasks.
 */
export const directives = pgTable(
  'directives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The receiving unit: it owns the directive, forwards its tasks below and reports back up. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    /** Số/ký hiệu as printed, e.g. "285/STTTT-CNBCVT". */
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: date('issued_on').notNull(),
    subject: text('subject').notNull(),
    deadline: date('deadline'),
    sourceText: text('source_text'),
    documentFileId: uuid('document_file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    dispatchFileId: uuid('dispatch_file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    reportFileId: uuid('report_file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('directives_unit_idx').on(t.unitId)],
);

/** One numbered task of a directive, as a person confirmed it (proposed from the text, then edited). */
export const directiveTasks = pgTable(
  'directive_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    directiveId: uuid('directive_id')
      .notNull()
      .references(() => directives.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    deadline: date('deadline'),
    /** The live evidence this task links to (a kind of the evidence registry) and its reference. */
    evidenceKind: text('evidence_kind'),
    evidenceRef: text('evidence_ref'),
  },
  (t) => [uniqueIndex('directive_tasks_position_uq').on(t.directiveId, t.position)],
);

/** A task handed to one recipient unit with its own deadline; its status is the latest answer's. */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => directiveTasks.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    deadline: date('deadline').notNull(),
    status: text('status', { enum: ANSWER_STATUSES }).notNull().default('not_started'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('task_assignments_task_unit_uq').on(t.taskId, t.unitId),
    index('task_assignments_unit_idx').on(t.unitId),
  ],
);

/** Every answer a unit gave, never updated: the history of a task in that unit. */
export const taskAnswers = pgTable(
  'task_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => taskAssignments.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ANSWER_STATUSES }).notNull(),
    text: text('text'),
    reason: text('reason'),
    fileIds: uuid('file_ids').array().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_answers_assignment_idx').on(t.assignmentId)],
);

/** One reminder per assignment and day: the scheduled job is idempotent within a day. */
export const taskReminders = pgTable(
  'task_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => taskAssignments.id, { onDelete: 'cascade' }),
    remindedOn: date('reminded_on').notNull(),
    deadline: date('deadline').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('task_reminders_day_uq').on(t.assignmentId, t.remindedOn)],
);
