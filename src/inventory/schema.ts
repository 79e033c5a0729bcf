import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
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
import { units } from '../units/schema';
import { HOST_CRITICALITIES, HOST_SOURCES, type InventoryDocument } from './contract';

/**
 * The machines of a unit, as their last inventory (or a person) describes them. Identity within a unit:
 * the Windows MachineGuid when known, else the host name (see import-service.ts). The OS and Office
 * facts are columns because the matcher reads them for every host; programs and hotfixes are rows.
 */
export const hosts = pgTable(
  'hosts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Restrict: a unit's inventory is not dropped by deleting the unit.
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    machineId: text('machine_id'),
    hostname: text('hostname').notNull(),
    domain: text('domain'),
    productName: text('product_name'),
    editionId: text('edition_id'),
    displayVersion: text('display_version'),
    build: integer('build'),
    ubr: integer('ubr'),
    architecture: text('architecture'),
    installationType: text('installation_type'),
    hotpatch: boolean('hotpatch'),
    officeC2rVersion: text('office_c2r_version'),
    officeC2rChannel: text('office_c2r_channel'),
    officeC2rPlatform: text('office_c2r_platform'),
    exchangeVersion: text('exchange_version'),
    officeMsiFiles: jsonb('office_msi_files').$type<Record<string, string>>().notNull().default({}),
    ips: text('ips').array().notNull().default(sql`'{}'::text[]`),
    owner: text('owner'),
    location: text('location'),
    criticality: text('criticality', { enum: HOST_CRITICALITIES }).notNull().default('medium'),
    source: text('source', { enum: HOST_SOURCES }).notNull(),
    lastInventoryAt: timestamp('last_inventory_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hosts_unit_machine_idx').on(t.unitId, t.machineId).where(sql`${t.machineId} is not null`),
    index('hosts_unit_hostname_idx').on(t.unitId, sql`lower(${t.hostname})`),
    index('hosts_hostname_idx').on(sql`lower(${t.hostname})`),
    index('hosts_build_idx').on(t.build),
    check('hosts_criticality_check', sql`${t.criticality} in ('low','medium','high','critical')`),
    check('hosts_source_check', sql`${t.source} in ('collector','csv','manual')`),
  ],
);

/** Installed programs as the last inventory listed them (both Uninstall keys); replaced on change. */
export const hostSoftware = pgTable(
  'host_software',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hostId: uuid('host_id')
      .notNull()
      .references(() => hosts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version'),
    publisher: text('publisher'),
    installDate: date('install_date', { mode: 'string' }),
  },
  (t) => [index('host_software_host_idx').on(t.hostId), index('host_software_name_idx').on(t.name)],
);

/** Installed KBs ("KB5023696"): evidence and fallback for the matcher, never the main test. */
export const hostHotfixes = pgTable(
  'host_hotfixes',
  {
    hostId: uuid('host_id')
      .notNull()
      .references(() => hosts.id, { onDelete: 'cascade' }),
    kb: text('kb').notNull(),
    installedOn: date('installed_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.kb] }), index('host_hotfixes_kb_idx').on(t.kb)],
);

/** Every distinct inventory a host reported, newest last: re-imports keep the history. */
export const hostSnapshots = pgTable(
  'host_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hostId: uuid('host_id')
      .notNull()
      .references(() => hosts.id, { onDelete: 'cascade' }),
    source: text('source', { enum: HOST_SOURCES }).notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** The normalised document (collector) or row (CSV), as validated. */
    inventory: jsonb('inventory').$type<InventoryDocument | Record<string, unknown>>().notNull(),
    /** sha256 of the canonical content without collectedAt: the same inventory re-sent hashes the same. */
    contentHash: text('content_hash').notNull(),
  },
  (t) => [index('host_snapshots_host_idx').on(t.hostId, t.importedAt)],
);
