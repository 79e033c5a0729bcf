import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../../units/schema';
import { cameras } from '../schema';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Protocols a unit-supplied credential is used for by the audit (ONVIF WS-UsernameToken for now). */
export const CREDENTIAL_PROTOCOLS = ['onvif'] as const;

/**
 * Credentials a unit supplies for the audit's authenticated checks: for the whole unit (camera_id null)
 * or for one camera. The password is sealed (core/secrets.ts) and never leaves the server.
 */
export const cameraCredentials = pgTable(
  'camera_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    cameraId: uuid('camera_id').references(() => cameras.id, { onDelete: 'cascade' }),
    protocol: text('protocol', { enum: CREDENTIAL_PROTOCOLS }).notNull(),
    username: text('username').notNull(),
    sealedPassword: text('sealed_password').notNull(),
    note: text('note'),
    updatedBy: text('updated_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('camera_credentials_unit_idx').on(t.unitId, t.cameraId)],
);
