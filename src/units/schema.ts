import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { UNIT_KINDS } from './contract';

/**
 * Units form a tree of any depth (the district tier ended on 1/7/2025, so nothing assumes one shape).
 * `path` is the chain of ids from the root, "/<root>/<child>/", so a subtree is one prefix match.
 */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id, {
      onDelete: 'restrict',
    }),
    path: text('path').notNull(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    // What this unit's official documents print (Decree 30/2020 ô 2, ô 4, ô 7a): settings, never hard-coded.
    issuerParentName: text('issuer_parent_name'),
    issuerName: text('issuer_name'),
    placeName: text('place_name'),
    signerAuthority: text('signer_authority'),
    signerTitle: text('signer_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_path_idx').on(t.path),
    index('units_parent_idx').on(t.parentId),
    check(
      'units_kind_check',
      sql`${t.kind} in ('province','commune','district','agency','school','provider','other')`,
    ),
  ],
);
