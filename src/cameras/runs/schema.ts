import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../../units/schema';
import { cameras } from '../schema';
import { AUDIT_FINDING_STATES } from './contract';

const ts = (name: string) => timestamp(name, { withTimezone: true });

type Text = { vi: string; en: string };
type AuthCheckRow = {
  address: string;
  credentialId: string | null;
  username: string;
  protocol: string;
  ok: boolean;
  detail: string;
};
type EvidenceRow = { protocol: string; address: string; port: number; request: string; response: string };

/**
 * One camera audit of a unit: who ran it, on what scope, when, and what was sent (counts per protocol),
 * so that the traffic the platform generated is on record even for a cancelled run.
 */
export const cameraAuditRuns = pgTable(
  'camera_audit_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    jobId: uuid('job_id'),
    requestedBy: text('requested_by').notNull(),
    scope: jsonb('scope').$type<{ cidrs: string[]; hosts: string[] }>().notNull(),
    targets: jsonb('targets').$type<{ cidrs: string[]; hosts: string[] } | null>(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    cancelled: boolean('cancelled').notNull().default(false),
    hostsTotal: integer('hosts_total').notNull(),
    hostsDone: integer('hosts_done').notNull(),
    devices: integer('devices').notNull(),
    findingsNew: integer('findings_new').notNull(),
    findingsOpen: integer('findings_open').notNull(),
    findingsFixed: integer('findings_fixed').notNull(),
    sent: jsonb('sent').$type<Record<string, number>>().notNull(),
    /** The authenticated checks made with the unit's credentials: address, account, outcome (no password). */
    authChecks: jsonb('auth_checks').$type<AuthCheckRow[]>().notNull().default([]),
  },
  (t) => [index('camera_audit_runs_unit_idx').on(t.unitId, t.finishedAt)],
);

/** A finding of one run, compared with the previous run of the unit: new, still open, or fixed. */
export const cameraAuditFindings = pgTable(
  'camera_audit_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => cameraAuditRuns.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    cameraId: uuid('camera_id').references(() => cameras.id, { onDelete: 'set null' }),
    address: text('address').notNull(),
    port: integer('port'),
    findingKey: text('finding_key').notNull(),
    check: text('check').notNull(),
    state: text('state', { enum: AUDIT_FINDING_STATES }).notNull(),
    severity: text('severity').notNull(),
    confidence: text('confidence').notNull(),
    title: jsonb('title').$type<Text>().notNull(),
    criteria: text('criteria').array().notNull(),
    catalogueKeys: text('catalogue_keys').array().notNull(),
    remedy: jsonb('remedy').$type<Text>().notNull(),
    evidence: jsonb('evidence').$type<EvidenceRow[]>().notNull(),
    cve: jsonb('cve').$type<{ id: string; cvss: number | null; kev: string | null } | null>(),
    firstSeenAt: ts('first_seen_at').notNull(),
  },
  (t) => [
    index('camera_audit_findings_run_idx').on(t.runId),
    index('camera_audit_findings_unit_idx').on(t.unitId, t.findingKey),
  ],
);
