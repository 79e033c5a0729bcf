import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';

export const FindingStatus = z.enum(['open', 'in_progress', 'fixed', 'risk_accepted', 'false_positive']);
export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'none']);
const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const Finding = z.object({
  id: z.uuid(),
  hostId: z.uuid(),
  hostname: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  cve: z.string(),
  title: z.string().nullable(),
  productName: z.string(),
  match: z.enum(['vulnerable', 'unknown']),
  status: FindingStatus,
  severity: Severity,
  cvssScore: z.number().nullable(),
  exploited: z.boolean(),
  epss: z.number().nullable(),
  fixKb: z.string().nullable(),
  fixedBuild: z.string().nullable(),
  observed: z.string().nullable(),
  rule: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  reason: z.string().nullable(),
  dueAt: z.date(),
  overdue: z.boolean(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  fixedAt: z.date().nullable(),
  statusReason: z.string().nullable(),
  statusUntil: z.string().nullable(),
  statusBy: z.string().nullable(),
  statusAt: z.date().nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  /** With unitId: that unit's own findings, not its sub-units' (the dashboard counts per unit). */
  unitOnly: flag,
  hostId: z.uuid().optional(),
  cve: z.string().trim().toUpperCase().max(30).optional(),
  /** Only the CVEs a national alert names. */
  alertId: z.uuid().optional(),
  /** Without a status filter, the findings still to work on (open, in progress, accepted risk). */
  status: FindingStatus.optional(),
  match: z.enum(['vulnerable', 'unknown']).optional(),
  severity: Severity.optional(),
  exploited: flag,
  overdue: flag,
  sort: z.enum(['due', 'severity', 'recent']).default('due'),
}).strict();
export type FindingQuery = z.infer<typeof FindingQuery>;
/** `total` stops at 10,000: with `totalCapped` true the UI shows "10,000+" (an exact count of 1M rows costs more than the page). */
export const FindingPage = pageOf(Finding).extend({ totalCapped: z.boolean() });
export type FindingPage = z.infer<typeof FindingPage>;

export const FindingUpdate = z
  .object({
    status: FindingStatus.exclude(['fixed']),
    reason: z.string().trim().min(3).max(1000).optional(),
    /** Until when an accepted risk holds; it returns to open afterwards. */
    until: z.iso.date().optional(),
  })
  .strict();
export type FindingUpdate = z.infer<typeof FindingUpdate>;
export const FindingIdParams = z.object({ id: z.uuid() }).strict();

export const SlaPolicy = z
  .object({
    exploitedDays: z.number().int().min(1).max(365),
    criticalDays: z.number().int().min(1).max(365),
    highDays: z.number().int().min(1).max(730),
    mediumDays: z.number().int().min(1).max(730),
    lowDays: z.number().int().min(1).max(1095),
  })
  .strict();
export type SlaPolicy = z.infer<typeof SlaPolicy>;

const Counts = {
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  none: z.number().int(),
  overdue: z.number().int(),
  exploited: z.number().int(),
  unknown: z.number().int(),
  hostsAffected: z.number().int(),
};
/** The dashboard: findings still to fix (vulnerable, not yet fixed) per unit and severity. */
export const FindingSummary = z.object({
  totals: z.object(Counts),
  byUnit: z.array(z.object({ unitId: z.uuid(), unitCode: z.string(), unitName: z.string(), ...Counts })),
});
export type FindingSummary = z.infer<typeof FindingSummary>;
export const FindingSummaryQuery = z.object({ unitId: z.uuid().optional() }).strict();

// Trend over time (the dashboard's chart)
export const FindingTrendQuery = z
  .object({
    unitId: z.uuid().optional(),
    days: z.coerce.number().int().min(1).max(366).default(90),
  })
  .strict();
export type FindingTrendQuery = z.infer<typeof FindingTrendQuery>;
export const FindingTrendPoint = z.object({
  day: z.string(),
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  none: z.number().int(),
  exploited: z.number().int(),
  overdue: z.number().int(),
  unknown: z.number().int(),
  /** Open vulnerable findings, all severities. */
  open: z.number().int(),
});
export type FindingTrendPoint = z.infer<typeof FindingTrendPoint>;
export const FindingTrend = z.object({
  unitId: z.uuid().nullable(),
  from: z.string(),
  to: z.string(),
  points: z.array(FindingTrendPoint),
});
export type FindingTrend = z.infer<typeof FindingTrend>;
