import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.date(),
  actorType: z.enum(['user', 'token', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  /** Prefix match: "unit." finds every unit action. */
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = pageOf(AuditEntry);

export const AuditVerdict = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  lastId: z.number().int().nullable(),
  lastHash: z.string(),
  brokenAt: z.object({ id: z.number().int(), reason: z.enum(['edited', 'missing-before']) }).optional(),
});
