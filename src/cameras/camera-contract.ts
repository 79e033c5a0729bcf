import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { blankAsNull } from '../core/zod-text';
import { CAMERA_SOURCES } from './contract';

/** MAC in any common notation, stored as lower-case colon pairs. */
export const MacAddress = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{2}([-:.]?[0-9a-f]{2}){5}$/i, 'format.mac')
  .transform((mac) =>
    (
      mac
        .replace(/[^0-9a-f]/gi, '')
        .toLowerCase()
        .match(/../g) ?? []
    ).join(':'),
  );

export const IpAddressText = z.union([z.ipv4(), z.ipv6()], { error: 'format.ip' });

const nullableMac = z
  .union([z.literal('').transform(() => null), MacAddress])
  .nullable()
  .optional();
const nullableIp = z
  .union([z.literal('').transform(() => null), IpAddressText])
  .nullable()
  .optional();

const CameraFields = {
  systemId: z.uuid().nullable().optional(),
  vendor: blankAsNull(100),
  model: blankAsNull(100),
  firmware: blankAsNull(100),
  serial: blankAsNull(100),
  mac: nullableMac,
  ip: nullableIp,
  location: blankAsNull(300),
  nvr: blankAsNull(200),
  name: blankAsNull(200),
};
export const CameraCreate = z.object({ unitId: z.uuid(), ...CameraFields }).strict();
export type CameraCreate = z.infer<typeof CameraCreate>;
export const CameraUpdate = z.object(CameraFields).strict();
export type CameraUpdate = z.infer<typeof CameraUpdate>;

export const Camera = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  systemId: z.uuid().nullable(),
  name: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  serial: z.string().nullable(),
  mac: z.string().nullable(),
  ip: z.string().nullable(),
  location: z.string().nullable(),
  nvr: z.string().nullable(),
  source: z.enum(CAMERA_SOURCES),
  lastSeenAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Camera = z.infer<typeof Camera>;
export const CameraPage = pageOf(Camera);
export const CameraQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
}).strict();
export type CameraQuery = z.infer<typeof CameraQuery>;

/** One CSV row, header names as the template prints them. `system` is a system name of the unit. */
export const CameraCsvRow = z
  .object({
    name: blankAsNull(200),
    vendor: blankAsNull(100),
    model: blankAsNull(100),
    firmware: blankAsNull(100),
    serial: blankAsNull(100),
    mac: nullableMac,
    ip: nullableIp,
    location: blankAsNull(300),
    nvr: blankAsNull(200),
    system: blankAsNull(200),
  })
  .strict();
export type CameraCsvRow = z.infer<typeof CameraCsvRow>;
export const CAMERA_CSV_COLUMNS = Object.keys(CameraCsvRow.shape);

export const CameraCsvBody = z.object({ unitId: z.uuid().optional(), csv: z.string().min(1) }).strict();
export const CameraImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  cameras: z.array(
    z.object({ line: z.number().int(), id: z.uuid(), status: z.enum(['created', 'updated']) }),
  ),
});
export type CameraImportSummary = z.infer<typeof CameraImportSummary>;

/** What the audit learnt about a device; every field optional but at least one identity (mac, serial, ip). */
export type DiscoveredCameraFacts = {
  ip: string;
  mac?: string | null;
  serial?: string | null;
  vendor?: string | null;
  model?: string | null;
  firmware?: string | null;
  name?: string | null;
  seenAt?: Date;
};
