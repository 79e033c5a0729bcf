import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { hosts } from '../inventory/schema';
import type { AdvisorySource, SourceProduct, Vulnerability } from './model';

/**
 * Advisory documents as imported: one row per (source, document), the newest revision kept here and
 * every import recorded in feed_imports (VULNS.md §4.12: MSRC months are revised for weeks).
 */
export const advisoryDocuments = pgTable(
  'advisory_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').$type<AdvisorySource>().notNull(),
    documentId: text('document_id').notNull(),
    title: text('title'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    revision: text('revision'),
    /** The source's product list (MSRC ProductTree), needed to rebuild the match index. */
    products: jsonb('products').$type<SourceProduct[]>().notNull().default([]),
    sha256: text('sha256').notNull(),
    vulnerabilityCount: integer('vulnerability_count').notNull().default(0),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('advisory_documents_source_doc_idx').on(t.source, t.documentId)],
);

/** Every import attempt that changed something, with what it changed: the feeds' history. */
export const feedImports = pgTable(
  'feed_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').$type<AdvisorySource>().notNull(),
    documentId: text('document_id').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    revision: text('revision'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    outcome: text('outcome', { enum: ['created', 'updated', 'unchanged', 'older'] }).notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    importedBy: text('imported_by'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feed_imports_doc_idx').on(t.source, t.documentId)],
);

/** One row per CVE: the merged view the findings show (exploited, KEV dates, best scores). */
export const vulnerabilities = pgTable(
  'vulnerabilities',
  {
    cve: text('cve').primaryKey(),
    title: text('title'),
    description: text('description'),
    /** Highest MSRC severity across products ("Critical" > "Important" > "Moderate" > "Low"). */
    severity: text('severity'),
    cvssScore: real('cvss_score'),
    cvssVector: text('cvss_vector'),
    exploited: boolean('exploited').notNull().default(false),
    publiclyDisclosed: boolean('publicly_disclosed'),
    kevDateAdded: date('kev_date_added'),
    kevDueDate: date('kev_due_date'),
    kevRansomware: boolean('kev_ransomware'),
    cwes: jsonb('cwes').$type<string[]>().notNull().default([]),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vulnerabilities_exploited_idx').on(t.exploited).where(sql`${t.exploited}`)],
);

/** What each source says about a CVE, kept apart: sources disagree (VULNS.md §4.12, CVE-2023-24880). */
export const vulnerabilitySources = pgTable(
  'vulnerability_sources',
  {
    cve: text('cve').notNull(),
    source: text('source').$type<AdvisorySource>().notNull(),
    documentId: text('document_id').notNull(),
    record: jsonb('record').$type<Vulnerability>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cve, t.source, t.documentId] }),
    index('vulnerability_sources_doc_idx').on(t.source, t.documentId),
  ],
);

/** EPSS: probability of exploitation in the next 30 days, joined by CVE id only (VULNS.md §0). */
export const epssScores = pgTable('epss_scores', {
  cve: text('cve').primaryKey(),
  epss: real('epss').notNull(),
  percentile: real('percentile'),
  scoreDate: date('score_date').notNull(),
});

/** The findings still to work on: what the listing shows by default and the partial indexes cover. */
const ACTIVE_FINDING = sql`status in ('open', 'in_progress', 'risk_accepted')`;

export const FINDING_STATUSES = ['open', 'in_progress', 'fixed', 'risk_accepted', 'false_positive'] as const;

/**
 * One finding per host × CVE × product line (DefectDojo's model, VULNS.md §1.3). `match` is what the
 * data says now (vulnerable, or unknown when the data cannot decide); `status` is the remediation work.
 */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hostId: uuid('host_id')
      .notNull()
      .references(() => hosts.id, { onDelete: 'cascade' }),
    // No foreign key: the host's own (restricting) key already ties it to its unit, and a per-row
    // referential check is a measurable share of a bulk write (docs/decisions/002-findings-storage.md).
    unitId: uuid('unit_id').notNull(),
    cve: text('cve').notNull(),
    productName: text('product_name').notNull(),
    match: text('match', { enum: ['vulnerable', 'unknown'] }).notNull(),
    status: text('status', { enum: FINDING_STATUSES }).notNull().default('open'),
    severity: text('severity', { enum: ['critical', 'high', 'medium', 'low', 'none'] }).notNull(),
    /** 0 critical … 4 none, computed by PostgreSQL, so an index can give the severity order. */
    severityRank: smallint('severity_rank')
      .notNull()
      .generatedAlwaysAs(
        sql`case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`,
      ),
    cvssScore: real('cvss_score'),
    exploited: boolean('exploited').notNull().default(false),
    fixKb: text('fix_kb'),
    fixedBuild: text('fixed_build'),
    observed: text('observed'),
    rule: text('rule').notNull(),
    confidence: text('confidence', { enum: ['high', 'medium', 'low'] }).notNull(),
    reason: text('reason'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    fixedAt: timestamp('fixed_at', { withTimezone: true }),
    statusReason: text('status_reason'),
    statusUntil: date('status_until'),
    statusBy: text('status_by'),
    statusAt: timestamp('status_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('findings_host_cve_product_idx').on(t.hostId, t.cve, t.productName),
    index('findings_cve_idx').on(t.cve),
    // The listing's sort orders over the findings still to work on (docs/decisions/002-findings-storage.md).
    index('findings_active_due_idx').on(t.dueAt, t.severityRank, t.id).where(ACTIVE_FINDING),
    index('findings_active_unit_due_idx').on(t.unitId, t.dueAt, t.severityRank, t.id).where(ACTIVE_FINDING),
    index('findings_active_severity_idx')
      .on(t.severityRank, t.exploited.desc(), t.dueAt, t.id)
      .where(ACTIVE_FINDING),
    // "Exploited + overdue": the page walks the due index, but its (capped) count needs its own.
    index('findings_exploited_due_idx')
      .on(t.dueAt)
      .where(sql`exploited and status in ('open', 'in_progress')`),
    index('findings_risk_until_idx').on(t.statusUntil).where(sql`status = 'risk_accepted'`),
  ],
);

/**
 * What the last re-match wrote for a host: a fingerprint of its verdict set (and of everything else that
 * goes into its findings: unit, severities, due-date days). A host whose fingerprint is unchanged has
 * nothing to write, so a steady-state re-match of a whole estate writes almost nothing.
 */
export const findingHostStates = pgTable('finding_host_states', {
  hostId: uuid('host_id')
    .primaryKey()
    .references(() => hosts.id, { onDelete: 'cascade' }),
  fingerprint: text('fingerprint').notNull(),
  findings: integer('findings').notNull(),
  /** When these findings were last written (an unchanged host is not rewritten). */
  writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
});

/** Remediation deadlines in days from first detection; one row (id 1), edited by an admin. */
export const slaPolicy = pgTable('vuln_sla_policy', {
  id: integer('id').primaryKey(),
  exploitedDays: integer('exploited_days').notNull().default(7),
  criticalDays: integer('critical_days').notNull().default(15),
  highDays: integer('high_days').notNull().default(30),
  mediumDays: integer('medium_days').notNull().default(90),
  lowDays: integer('low_days').notNull().default(180),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * A national alert as the admin records it (e.g. 383/CATTT-NCSC, March 2023): who issued it, its
 * number and date, the CVEs it names and the deadline it sets for the units.
 */
export const nationalAlerts = pgTable(
  'national_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuer: text('issuer').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    title: text('title').notNull(),
    deadline: date('deadline'),
    cves: jsonb('cves').$type<string[]>().notNull(),
    notes: text('notes'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('national_alerts_number_idx').on(t.issuer, t.number)],
);

/**
 * The dashboard's trend: per (day, unit) the counts of open findings by severity, exploited and overdue,
 * as they stood when the snapshot was taken (a daily job, and after each re-match). Every unit gets a row
 * each snapshot day, zeros included, so a day with a snapshot is told apart from a day without one.
 * Re-taking a day replaces its rows.
 */
export const findingTrend = pgTable(
  'finding_trend',
  {
    day: date('day').notNull(),
    unitId: uuid('unit_id').notNull(),
    critical: integer('critical').notNull(),
    high: integer('high').notNull(),
    medium: integer('medium').notNull(),
    low: integer('low').notNull(),
    none: integer('none').notNull(),
    exploited: integer('exploited').notNull(),
    overdue: integer('overdue').notNull(),
    unknown: integer('unknown').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.unitId] })],
);

/**
 * Office Click-to-Run builds per update channel, imported as a table (feeds/c2r-table.ts): MSRC names
 * no build for Click-to-Run, so the matcher takes the fixed build of the host's channel from here.
 * An import replaces the rows of the channels it carries (`document_id` names the import's document).
 */
export const c2rBuilds = pgTable(
  'c2r_builds',
  {
    channel: text('channel').notNull(),
    /** x.y of 16.0.x.y ("17328.20184"). */
    build: text('build').notNull(),
    version: text('version').notNull(),
    releasedAt: date('released_at').notNull(),
    /** The CVEs the build fixes, when the table says; empty: inferred from the release date. */
    cves: jsonb('cves').$type<string[]>().notNull().default([]),
    documentId: text('document_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.build] })],
);
