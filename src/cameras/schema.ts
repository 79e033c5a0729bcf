import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { storedFiles } from '../files/schema';
import { units } from '../units/schema';
import {
  ASSESSMENT_STATUSES,
  CAMERA_SOURCES,
  CRITERION_SCOPES,
  EVIDENCE_KINDS,
  INTERNET_EXPOSURES,
  RESULT_STATUSES,
  STORAGE_LOCATIONS,
} from './contract';
import type { LevelAnswers, LevelSuggestion, Regime } from './levels/types';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** An information system that uses surveillance cameras (Directive 23/CT-TTg), owned by one unit. */
export const cameraSystems = pgTable(
  'camera_systems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    // The name compared case-insensitively, folded in code (systemNameKey): lower() in SQL depends on the
    // server's locale, and under the C locale it leaves "TRỤ SỞ" and "trụ sở" apart.
    nameKey: text('name_key').notNull(),
    purpose: text('purpose'),
    monitoredAreas: text('monitored_areas'),
    storageLocation: text('storage_location', { enum: STORAGE_LOCATIONS }).notNull().default('unknown'),
    storageNote: text('storage_note'),
    retentionDays: integer('retention_days'),
    ownerName: text('owner_name'),
    operatorName: text('operator_name'),
    operatorContact: text('operator_contact'),
    internetExposure: text('internet_exposure', { enum: INTERNET_EXPOSURES }).notNull().default('unknown'),
    cameraCount: integer('camera_count').notNull().default(0),
    nvrCount: integer('nvr_count').notNull().default(0),
    nvrDescription: text('nvr_description'),
    recordsIdentifiablePeople: boolean('records_identifiable_people').notNull().default(true),
    networkDescription: text('network_description'),
    notes: text('notes'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('camera_systems_unit_name_idx').on(t.unitId, t.nameKey)],
);

/**
 * One level determination of a system: the regime it was made under, the answers, the suggestion with
 * its clauses, the proposed level (the suggestion unless an admin overrode it, with the reason) and the
 * workflow proposed → appraised → approved with who and when. A new proposal supersedes an open one.
 */
export const cameraLevelAssessments = pgTable(
  'camera_level_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => cameraSystems.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    regime: text('regime').$type<Regime>().notNull(),
    answers: jsonb('answers').$type<LevelAnswers>().notNull(),
    suggestion: jsonb('suggestion').$type<LevelSuggestion>().notNull(),
    suggestedLevel: integer('suggested_level').notNull(),
    level: integer('level').notNull(),
    decidingArticle: text('deciding_article').notNull(),
    overrideReason: text('override_reason'),
    status: text('status', { enum: ASSESSMENT_STATUSES }).notNull().default('proposed'),
    proposedBy: text('proposed_by'),
    proposedById: text('proposed_by_id'),
    proposedAt: ts('proposed_at').notNull().defaultNow(),
    appraisedBy: text('appraised_by'),
    appraisedAt: ts('appraised_at'),
    appraisalBody: text('appraisal_body'),
    appraisalNote: text('appraisal_note'),
    approvedBy: text('approved_by'),
    approvedAt: ts('approved_at'),
    approvalBody: text('approval_body'),
    approvalNote: text('approval_note'),
  },
  (t) => [index('camera_assessments_system_idx').on(t.systemId, t.proposedAt)],
);

/** A camera or NVR of a unit; identity within the unit: MAC, then serial, then IP (see upsertDiscoveredCamera). */
export const cameras = pgTable(
  'cameras',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    systemId: uuid('system_id').references(() => cameraSystems.id, { onDelete: 'set null' }),
    name: text('name'),
    vendor: text('vendor'),
    model: text('model'),
    firmware: text('firmware'),
    serial: text('serial'),
    mac: text('mac'),
    ip: text('ip'),
    location: text('location'),
    nvr: text('nvr'),
    source: text('source', { enum: CAMERA_SOURCES }).notNull(),
    lastSeenAt: ts('last_seen_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cameras_unit_mac_idx').on(t.unitId, t.mac).where(sql`${t.mac} is not null`),
    uniqueIndex('cameras_unit_serial_idx').on(t.unitId, t.serial).where(sql`${t.serial} is not null`),
    index('cameras_unit_ip_idx').on(t.unitId, t.ip),
    index('cameras_system_idx').on(t.systemId),
  ],
);

/** A versioned set of criteria with its source document; built-in sets are seeded from criteria-catalogue.ts. */
export const cameraCriteriaSets = pgTable(
  'camera_criteria_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    source: text('source').notNull(),
    mandatory: boolean('mandatory').notNull().default(false),
    builtin: boolean('builtin').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('camera_criteria_sets_code_version_idx').on(t.code, t.version)],
);

export const cameraCriteria = pgTable(
  'camera_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    setId: uuid('set_id')
      .notNull()
      .references(() => cameraCriteriaSets.id, { onDelete: 'restrict' }),
    key: text('key').notNull(),
    group: text('group').notNull(),
    scope: text('scope', { enum: CRITERION_SCOPES }).notNull(),
    check: text('check', { enum: ['automated', 'manual'] }).notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    reference: text('reference'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('camera_criteria_set_key_idx').on(t.setId, t.key),
    index('camera_criteria_key_idx').on(t.key),
  ],
);

/**
 * The current answer for one criterion on one camera or one system, with its evidence. No row means
 * "unknown". Each change is an audit row; the file of a file evidence is immutable in stored_files.
 */
export const cameraCriterionResults = pgTable(
  'camera_criterion_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => cameraCriteria.id, { onDelete: 'restrict' }),
    cameraId: uuid('camera_id').references(() => cameras.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id').references(() => cameraSystems.id, { onDelete: 'cascade' }),
    status: text('status', { enum: RESULT_STATUSES }).notNull(),
    evidenceKind: text('evidence_kind', { enum: EVIDENCE_KINDS }).notNull(),
    note: text('note'),
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    automatedSource: text('automated_source'),
    automatedDetail: jsonb('automated_detail').$type<Record<string, unknown>>(),
    recordedBy: text('recorded_by'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('camera_results_camera_idx')
      .on(t.criterionId, t.cameraId)
      .where(sql`${t.cameraId} is not null`),
    uniqueIndex('camera_results_system_idx')
      .on(t.criterionId, t.systemId)
      .where(sql`${t.systemId} is not null`),
    index('camera_results_unit_idx').on(t.unitId, t.status),
    index('camera_results_camera_lookup_idx').on(t.cameraId),
    check('camera_results_one_target', sql`(${t.cameraId} is null) <> (${t.systemId} is null)`),
  ],
);

/** What the camera audit may touch in a unit, and who may start it. Registered by an admin only. */
export const cameraScanScopes = pgTable('camera_scan_scopes', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id, { onDelete: 'restrict' }),
  cidrs: text('cidrs').array().notNull().default(sql`'{}'::text[]`),
  hosts: text('hosts').array().notNull().default(sql`'{}'::text[]`),
  allowedRoles: text('allowed_roles').array().notNull().default(sql`'{admin}'::text[]`),
  allowedUserIds: text('allowed_user_ids').array().notNull().default(sql`'{}'::text[]`),
  note: text('note'),
  updatedBy: text('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
