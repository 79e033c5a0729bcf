import { z } from 'zod';
import { ROLES } from '../core/roles';
import { blankAsNull } from '../core/zod-text';

export const ScanScopeBody = z
  .object({
    cidrs: z.array(z.string().trim().min(1).max(64)).max(256).default([]),
    hosts: z.array(z.string().trim().min(1).max(64)).max(4096).default([]),
    allowedRoles: z.array(z.enum(ROLES)).max(ROLES.length).default(['admin']),
    allowedUserIds: z.array(z.uuid()).max(200).default([]),
    note: blankAsNull(2000),
  })
  .strict();
export type ScanScopeBody = z.infer<typeof ScanScopeBody>;

export const ScanScope = z.object({
  unitId: z.uuid(),
  cidrs: z.array(z.string()),
  hosts: z.array(z.string()),
  allowedRoles: z.array(z.enum(ROLES)),
  allowedUserIds: z.array(z.uuid()),
  note: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.date().nullable(),
  /** Whether the caller may start a scan of this scope. */
  mayScan: z.boolean(),
});
export type ScanScope = z.infer<typeof ScanScope>;
export const ScanScopeList = z.object({ items: z.array(ScanScope) });
export const UnitParams = z.object({ unitId: z.uuid() }).strict();
