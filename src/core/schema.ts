import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. Each row carries the hash of the row before it, so editing or deleting a
 * row breaks the chain (`canh-gac audit verify`). A trigger (migration 0001) also refuses UPDATE/DELETE.
 * unit_id has no foreign key on purpose: the trail must outlive the units it speaks of.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    unitId: uuid('unit_id'),
    ip: text('ip'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_unit_idx').on(t.unitId),
    index('audit_action_idx').on(t.action),
  ],
);
