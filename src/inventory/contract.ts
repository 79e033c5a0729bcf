import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { blankAsNull } from '../core/zod-text';

/**
 * The inventory a host reports (docs/inventory-format.md), and the shapes of the hosts API. Every
 * transform here is idempotent (its output parses again to itself), so a service may re-validate what a
 * route already validated.
 */

export const INVENTORY_SCHEMA_TAG = 'canhgac.inventory/1';
export const HOST_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export const HOST_SOURCES = ['collector', 'csv', 'manual'] as const;
export const ARCHITECTURES = ['x64', 'x86', 'arm64'] as const;
/** Per upload; the import route's body limit (20 MB) is the other bound. */
export const MAX_DOCUMENTS_PER_UPLOAD = 5000;

export const HostCriticality = z.enum(HOST_CRITICALITIES);
export type HostCriticality = z.infer<typeof HostCriticality>;
export const HostSource = z.enum(HOST_SOURCES);
export type HostSource = z.infer<typeof HostSource>;

const text = (max: number) => z.string().trim().min(1).max(max);
/** Optional text where an empty string means "not given" (registry values are often ""). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

/** Dotted numeric version: "16.0.5387.1000", "15.2.1544.4". Compared per component, never as text. */
export const DottedVersion = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,9}){1,4}$/, 'format.dotted-version');

/** Windows MachineGuid (HKLM\SOFTWARE\Microsoft\Cryptography), kept lower case. */
export const MachineId = z
  .string()
  .trim()
  .regex(
    /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/,
    'format.machine-id',
  )
  .transform((v) => v.replace(/[{}]/g, '').toLowerCase());

/** NetBIOS or DNS host name: letters (any script), digits, dot, dash, underscore. */
export const Hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'format.hostname');

/** "KB5023696", "kb5023696" or "5023696" → "KB5023696". */
export const KbId = z
  .string()
  .trim()
  .regex(/^(KB)?\d{4,8}$/i, 'format.kb')
  .transform((v) => `KB${v.replace(/^kb/i, '')}`);

export const IpAddress = z.union([z.ipv4(), z.ipv6()]).transform((v) => v.toLowerCase());

const ARCH_ALIASES: Record<string, (typeof ARCHITECTURES)[number]> = {
  x64: 'x64',
  amd64: 'x64',
  x86_64: 'x64',
  '64-bit': 'x64',
  x86: 'x86',
  i386: 'x86',
  i686: 'x86',
  '32-bit': 'x86',
  arm64: 'arm64',
  aarch64: 'arm64',
};
/** "x64" | "x86" | "arm64"; PROCESSOR_ARCHITECTURE spellings (AMD64, ARM64) are accepted. */
export const Architecture = z
  .string()
  .trim()
  .transform((v) => ARCH_ALIASES[v.toLowerCase()] ?? v)
  .pipe(z.enum(ARCHITECTURES));

/** A calendar day, "YYYY-MM-DD"; the registry's "YYYYMMDD" is accepted and rewritten. */
export const CalendarDate = z
  .string()
  .trim()
  .transform((v) => (/^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : v))
  .pipe(z.iso.date());

const Build = z.union([
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, 'format.build')
    .transform(Number),
  z.number().int().min(0).max(999_999),
]);

export const InventoryOs = z
  .object({
    productName: text(200),
    editionId: optionalText(100),
    /** DisplayVersion ("22H2"), or ReleaseId ("1809") on older builds. */
    displayVersion: optionalText(20),
    /** CurrentBuildNumber as the registry writes it: "19045". */
    currentBuild: Build,
    /** Update Build Revision; absent before Windows 10. */
    ubr: z.number().int().min(0).max(99_999_999).optional(),
    architecture: Architecture.optional(),
    /** "Client" | "Server" | "Server Core" | … (absent on Windows 7). */
    installationType: optionalText(40),
    /** Hotpatch enrolment (Server Azure Edition / Windows 11 Enterprise), when the collector knows it. */
    hotpatch: z.boolean().optional(),
  })
  .strict();

export const InventoryHotfix = z
  .object({
    id: KbId,
    installedOn: CalendarDate.optional(),
  })
  .strict();

export const InventoryProgram = z
  .object({
    name: text(300),
    version: optionalText(100),
    publisher: optionalText(300),
    installDate: CalendarDate.optional(),
  })
  .strict();

export const InventoryOffice = z
  .object({
    clickToRun: z
      .object({
        version: DottedVersion,
        /** Channel name ("Current", "MonthlyEnterprise", "SemiAnnual", "PerpetualVL2021"…). */
        channel: optionalText(60),
        platform: Architecture.optional(),
      })
      .strict()
      .optional(),
    /** MSI Office component file versions: { "outlook": "16.0.5387.1000" }. */
    msiFiles: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), DottedVersion)
      .refine((v) => Object.keys(v).length <= 40, { message: 'at most 40 files' })
      .optional(),
  })
  .strict();

/** One host's inventory as the collector writes it (docs/inventory-format.md). */
export const InventoryDocument = z
  .object({
    schema: z.literal(INVENTORY_SCHEMA_TAG),
    /** ISO-8601 with a zone ("Z" or "+07:00"); stored as the instant. */
    collectedAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
    /** Absent when the collector could not read it: the host is then matched by hostname. */
    machineId: MachineId.optional(),
    hostname: Hostname,
    domain: optionalText(253),
    os: InventoryOs,
    hotfixes: z
      .array(InventoryHotfix)
      .max(5000)
      .default([])
      // Win32_QuickFixEngineering may list a KB twice: keep the first.
      .transform((list) => {
        const seen = new Set<string>();
        return list.filter((h) => !seen.has(h.id) && seen.add(h.id));
      }),
    programs: z.array(InventoryProgram).max(10_000).default([]),
    office: InventoryOffice.optional(),
    exchange: z.object({ version: DottedVersion }).strict().optional(),
    ips: z
      .array(IpAddress)
      .max(256)
      .default([])
      .transform((list) => [...new Set(list)]),
  })
  .strict();
export type InventoryDocument = z.infer<typeof InventoryDocument>;
export type InventoryDocumentInput = z.input<typeof InventoryDocument>;

export const InventoryDocuments = z.array(InventoryDocument).min(1).max(MAX_DOCUMENTS_PER_UPLOAD);

/**
 * The import body. The route also accepts a bare document or a bare array of documents (what the
 * collector posts) and wraps it into this shape before validation, so errors always read
 * `body.documents.<index>.<field>`.
 */
export const InventoryImportBody = z
  .object({
    /** Default: the query's unitId, else the caller's own unit (an API token's unit). */
    unitId: z.uuid().optional(),
    documents: InventoryDocuments,
  })
  .strict();
export type InventoryImportBody = z.infer<typeof InventoryImportBody>;

export const UnitIdQuery = z.object({ unitId: z.uuid().optional() }).strict();

/** A hand-kept list: `text/csv` as the body (unitId in the query), or JSON { unitId, csv }. */
export const InventoryCsvBody = z
  .object({
    unitId: z.uuid().optional(),
    csv: z
      .string()
      .min(1)
      .max(20 * 1024 * 1024),
  })
  .strict();
export type InventoryCsvBody = z.infer<typeof InventoryCsvBody>;

/** One row of a hand-kept CSV list (columns: hostname, ip, os, build, ubr, owner, location, criticality). */
export const CsvHostRow = z
  .object({
    hostname: Hostname,
    /** One or several addresses separated by ";", "," or spaces. */
    ips: z.array(IpAddress).max(64),
    os: optionalText(200),
    build: z
      .string()
      .trim()
      .regex(/^\d{0,6}$/)
      .transform((v) => (v === '' ? undefined : Number(v)))
      .optional(),
    ubr: z
      .string()
      .trim()
      .regex(/^\d{0,8}$/)
      .transform((v) => (v === '' ? undefined : Number(v)))
      .optional(),
    owner: optionalText(200),
    location: optionalText(200),
    criticality: z
      .string()
      .trim()
      .toLowerCase()
      .transform((v) => (v === '' ? undefined : v))
      .pipe(HostCriticality.optional())
      .optional(),
  })
  .strict();
export type CsvHostRow = z.infer<typeof CsvHostRow>;

export const HOST_STATUSES = ['created', 'updated', 'unchanged', 'outdated'] as const;
export const ImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Same content as the last inventory, or an inventory older than the last one ('outdated'). */
  unchanged: z.number().int(),
  hosts: z.array(z.object({ id: z.uuid(), hostname: z.string(), status: z.enum(HOST_STATUSES) })),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const Host = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  machineId: z.string().nullable(),
  hostname: z.string(),
  domain: z.string().nullable(),
  productName: z.string().nullable(),
  editionId: z.string().nullable(),
  displayVersion: z.string().nullable(),
  build: z.number().int().nullable(),
  ubr: z.number().int().nullable(),
  architecture: z.string().nullable(),
  installationType: z.string().nullable(),
  hotpatch: z.boolean().nullable(),
  officeC2rVersion: z.string().nullable(),
  officeC2rChannel: z.string().nullable(),
  officeC2rPlatform: z.string().nullable(),
  exchangeVersion: z.string().nullable(),
  officeMsiFiles: z.record(z.string(), z.string()),
  ips: z.array(z.string()),
  owner: z.string().nullable(),
  location: z.string().nullable(),
  criticality: HostCriticality,
  source: HostSource,
  lastInventoryAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Host = z.infer<typeof Host>;

export const HostSnapshotInfo = z.object({
  id: z.uuid(),
  source: HostSource,
  collectedAt: z.date().nullable(),
  importedAt: z.date(),
  contentHash: z.string(),
});

export const HostDetail = Host.extend({
  software: z.array(
    z.object({
      name: z.string(),
      version: z.string().nullable(),
      publisher: z.string().nullable(),
      installDate: z.string().nullable(),
    }),
  ),
  hotfixes: z.array(z.object({ kb: z.string(), installedOn: z.string().nullable() })),
  /** Newest first, at most 50. */
  snapshots: z.array(HostSnapshotInfo),
});
export type HostDetail = z.infer<typeof HostDetail>;

const nullableText = blankAsNull;

/** What a person may set by hand: ownership and, for hosts without a collector, the OS facts. */
const HostFields = {
  domain: nullableText(253),
  productName: nullableText(200),
  editionId: nullableText(100),
  displayVersion: nullableText(20),
  build: z.number().int().min(0).max(999_999).nullable().optional(),
  ubr: z.number().int().min(0).max(99_999_999).nullable().optional(),
  architecture: Architecture.nullable().optional(),
  installationType: nullableText(40),
  hotpatch: z.boolean().nullable().optional(),
  officeC2rVersion: DottedVersion.nullable().optional(),
  officeC2rChannel: nullableText(60),
  officeC2rPlatform: Architecture.nullable().optional(),
  exchangeVersion: DottedVersion.nullable().optional(),
  ips: z
    .array(IpAddress)
    .max(256)
    .transform((list) => [...new Set(list)])
    .optional(),
  owner: nullableText(200),
  location: nullableText(200),
  criticality: HostCriticality.optional(),
};

export const HostCreate = z
  .object({
    unitId: z.uuid(),
    hostname: Hostname,
    machineId: MachineId.nullable().optional(),
    ...HostFields,
  })
  .strict();
export type HostCreate = z.infer<typeof HostCreate>;

export const HostUpdate = z
  .object({
    hostname: Hostname.optional(),
    machineId: MachineId.nullable().optional(),
    ...HostFields,
  })
  .strict();
export type HostUpdate = z.infer<typeof HostUpdate>;

export const HostQuery = PageQuery.extend({
  /** That unit and the units below it. */
  unitId: z.uuid().optional(),
  /** Part of a host name, or the start of an IP address. */
  q: z.string().trim().min(1).max(100).optional(),
  build: z.coerce.number().int().min(0).max(999_999).optional(),
  criticality: HostCriticality.optional(),
  /** Only hosts with no inventory for this many days (or never). */
  staleDays: z.coerce.number().int().min(1).max(3650).optional(),
}).strict();
export type HostQuery = z.infer<typeof HostQuery>;

export const HostPage = pageOf(Host);
export const HostIdParams = z.object({ id: z.uuid() }).strict();
