import { z } from 'zod';
import { PageQuery, pageOf } from '../../core/pagination';
import { ALERT_EVENT_KINDS, ALERT_LEVELS, ALERT_STATUSES, CLOSE_REASONS } from '../model';

export const EventRefShape = z
  .object({
    id: z.string().min(1).max(200),
    at: z.string().max(40).optional(),
    source: z.string().max(200).optional(),
  })
  .strict();

/** What detection hands over: the rule (with its author, DRL 1.1), the unit, and the evidence. */
export const RaiseAlert = z
  .object({
    unitId: z.uuid(),
    ruleId: z.string().trim().min(1).max(200),
    ruleTitle: z.string().trim().min(1).max(500),
    ruleAuthor: z.string().trim().min(1).max(500),
    title: z.string().trim().min(1).max(500).optional(),
    level: z.enum(ALERT_LEVELS),
    /** Repeats with the same rule, unit and key inside the window add to one alert (e.g. source IP). */
    groupKey: z.string().max(500).default(''),
    groupWindowMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
    events: z.array(EventRefShape).max(100).default([]),
    excerpt: z.string().max(4000).default(''),
    at: z.date().optional(),
  })
  .strict();
export type RaiseAlert = z.input<typeof RaiseAlert>;

export const WatchAlert = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  ruleAuthor: z.string(),
  title: z.string(),
  level: z.enum(ALERT_LEVELS),
  groupKey: z.string(),
  status: z.enum(ALERT_STATUSES),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  count: z.number().int(),
  events: z.array(EventRefShape),
  excerpt: z.string(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  closedAt: z.date().nullable(),
  escalationStep: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WatchAlert = z.infer<typeof WatchAlert>;

export const AlertTimelineEntry = z.object({
  id: z.number().int(),
  at: z.date(),
  kind: z.enum(ALERT_EVENT_KINDS),
  actorName: z.string().nullable(),
  body: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const WatchAlertDetail = z.object({ alert: WatchAlert, timeline: z.array(AlertTimelineEntry) });

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(10));

export const WatchAlertQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  status: csv(z.enum(ALERT_STATUSES)).optional(),
  level: csv(z.enum(ALERT_LEVELS)).optional(),
  ruleId: z.string().max(200).optional(),
  assigneeId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
}).strict();
export type WatchAlertQuery = z.output<typeof WatchAlertQuery>;
export const WatchAlertPage = pageOf(WatchAlert);
export const WatchAlertIdParams = z.object({ id: z.uuid() }).strict();

export const AlertStatusChange = z
  .object({
    status: z.enum(['acknowledged', 'in_progress', 'closed']),
    reason: z.enum(CLOSE_REASONS).optional(),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();
export type AlertStatusChange = z.output<typeof AlertStatusChange>;
export const AlertAssign = z.object({ assigneeId: z.uuid().nullable() }).strict();
export const AlertComment = z.object({ body: z.string().trim().min(1).max(10_000) }).strict();

export const AlertStreamQuery = z
  .object({
    unitId: z.uuid().optional(),
    /** Ends the stream after this many alert events (scripts, tests); absent: stays open. */
    limit: z.coerce.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const AckTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict();
export const AckResult = z.object({ alertId: z.uuid(), status: z.enum(ALERT_STATUSES), title: z.string() });
