import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Imported Sigma rule files, kept as their YAML text (the source of truth: the compiled set is rebuilt
 * from it). One row per file; its metadata is that of the file's first document (a correlation file
 * carries its base rules along). `ruleId` is unique, so re-importing a rule replaces it.
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
    importedBy: text('imported_by'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sigma_rules_rule_id_idx').on(t.ruleId),
    index('sigma_rules_enabled_idx').on(t.enabled),
  ],
);
