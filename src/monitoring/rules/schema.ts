import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../../units/schema';

/**
 * Imported Sigma rule files, kept as their YAML text (the source of truth: the compiled set is rebuilt
 * from it). One row per file; its metadata is that of the file's first document (a correlation file
 * carries its base rules along). `ruleId` is unique, so re-importing a rule replaces it. `enabled` is
 * the platform-wide default; a unit may override it for itself and below (`sigma_rule_unit_states`).
 */
export const sigmaRules = pgTable(
  'sigma_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: text('rule_id').notNull(),
    title: text('title').notNull(),
    author: text('author').notNull(),
    level: text('level').notNull(),
    status: text('status'),
    fileName: text('file_name').notNull(),
    yaml: text('yaml').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Sigma tags of the file's first document (attack.t1059.001, attack.execution, cve.2021-44228 …). */
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    /** DRL 1.1 unless the rule says otherwise; shown beside the author. */
    license: text('license').notNull().default('DRL-1.1'),
    /** "rule" or "correlation": what the file's first document is. */
    kind: text('kind').notNull().default('rule'),
    /** product/category/service, for people (e.g. "windows/process_creation"). */
    logsource: text('logsource').notNull().default(''),
    importedBy: text('imported_by'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sigma_rules_rule_id_idx').on(t.ruleId),
    index('sigma_rules_enabled_idx').on(t.enabled),
  ],
);

/** A unit's own on/off for a rule; it holds for the unit and every unit below without its own. */
export const sigmaRuleUnitStates = pgTable(
  'sigma_rule_unit_states',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    ruleRowId: uuid('rule_row_id')
      .notNull()
      .references(() => sigmaRules.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.ruleRowId] }),
    index('sigma_rule_unit_states_rule_idx').on(t.ruleRowId),
  ],
);

/**
 * A unit's `expand` placeholder values (`%Admins%` → its admin accounts). A unit sees its ancestors'
 * lists too; its own list of the same name replaces theirs.
 */
export const sigmaUnitPlaceholders = pgTable('sigma_unit_placeholders', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id, { onDelete: 'cascade' }),
  placeholders: jsonb('placeholders').$type<Record<string, string[]>>().notNull().default({}),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A unit's Sigma filter documents (tuning: `mf_*` exclusions); they hold for the unit and below. */
export const sigmaUnitFilters = pgTable(
  'sigma_unit_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The rule ids or names the filter applies to (from its `filter.rules`). */
    rules: jsonb('rules').$type<string[]>().notNull(),
    yaml: text('yaml').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sigma_unit_filters_unit_idx').on(t.unitId)],
);
