import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { StoredFile } from '../files/contract';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  INDICATOR_TYPES,
  REGIMES,
  REPORT_FORMS,
  SEND_CHANNELS,
  SOURCE_KINDS,
  TIMELINE_KINDS,
} from './model';

const text = (max: number) => z.string().trim().min(1).max(max);
const longText = (max: number) => z.string().trim().max(max);

export const IncidentCreate = z
  .object({
    unitId: z.uuid(),
    title: text(300),
    description: longText(20_000).default(''),
    category: z.enum(INCIDENT_CATEGORIES),
    severity: z.enum(INCIDENT_SEVERITIES),
    serious: z.boolean().default(false),
    beyondCapacity: z.boolean().default(false),
    detectedAt: z.coerce.date(),
    /** Omitted: the regime in force at detectedAt. */
    regime: z.enum(REGIMES).optional(),
    affectedSystems: longText(5_000).default(''),
    affectedUnitIds: z.array(z.uuid()).max(200).default([]),
    hostIds: z.array(z.uuid()).max(500).default([]),
    /** Who handles it; omitted: the person opening it, when they may own it. */
    ownerUserId: z.uuid().optional(),
  })
  .strict();
export type IncidentCreate = z.input<typeof IncidentCreate>;

export const OwnerChange = z.object({ ownerUserId: z.uuid().nullable() }).strict();
export type OwnerChange = z.infer<typeof OwnerChange>;

export const OwnerCandidate = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
});
export type OwnerCandidate = z.infer<typeof OwnerCandidate>;
export const OwnerCandidateList = z.object({ items: z.array(OwnerCandidate) });

export const IncidentUpdate = z
  .object({
    title: text(300),
    description: longText(20_000),
    category: z.enum(INCIDENT_CATEGORIES),
    severity: z.enum(INCIDENT_SEVERITIES),
    serious: z.boolean(),
    beyondCapacity: z.boolean(),
    detectedAt: z.coerce.date(),
    affectedSystems: longText(5_000),
    affectedUnitIds: z.array(z.uuid()).max(200),
    hostIds: z.array(z.uuid()).max(500),
    lessonsLearned: longText(20_000).nullable(),
  })
  .partial()
  .strict();
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const StatusChange = z
  .object({ status: z.enum(INCIDENT_STATUSES), note: longText(5_000).optional() })
  .strict();
export type StatusChange = z.infer<typeof StatusChange>;

export const TimelineEntryCreate = z.object({ text: text(5_000), at: z.coerce.date().optional() }).strict();
export type TimelineEntryCreate = z.infer<typeof TimelineEntryCreate>;

export const IndicatorCreate = z
  .object({
    type: z.enum(INDICATOR_TYPES),
    value: text(2_000),
    comment: longText(1_000).default(''),
    forDetection: z.boolean().default(true),
  })
  .strict();
export type IndicatorCreate = z.input<typeof IndicatorCreate>;

export const IncidentIdParams = z.object({ id: z.uuid() }).strict();
export const ReportParams = z.object({ id: z.uuid(), form: z.enum(REPORT_FORMS) }).strict();

export const IncidentQuery = PageQuery.extend({
  status: z.enum([...INCIDENT_STATUSES, 'open']).optional(),
  unitId: z.uuid().optional(),
}).strict();
export type IncidentQuery = z.infer<typeof IncidentQuery>;

export const Countdown = z.object({
  state: z.enum(['none', 'sent', 'open', 'due_soon', 'overdue']),
  remainingMs: z.number().nullable(),
  label: z.string(),
});

export const ReportSummary = z.object({
  form: z.enum(REPORT_FORMS),
  title: z.string(),
  dueAt: z.date().nullable(),
  countdown: Countdown,
  deadlineSource: z.string(),
  unverified: z.boolean(),
  applies: z.boolean(),
  fields: z.record(z.string(), z.string()),
  recipientContactIds: z.array(z.uuid()),
  fileId: z.uuid().nullable(),
  generatedAt: z.date().nullable(),
  generatedBy: z.string().nullable(),
  sentAt: z.date().nullable(),
  sentVia: z.enum(SEND_CHANNELS).nullable(),
  sentBy: z.string().nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const Incident = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  reference: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(INCIDENT_CATEGORIES),
  severity: z.enum(INCIDENT_SEVERITIES),
  serious: z.boolean(),
  beyondCapacity: z.boolean(),
  regime: z.enum(REGIMES),
  status: z.enum(INCIDENT_STATUSES),
  detectedAt: z.date(),
  responseEndedAt: z.date().nullable(),
  affectedSystems: z.string(),
  affectedUnitIds: z.array(z.uuid()),
  hostIds: z.array(z.uuid()),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceId: z.string().nullable(),
  sourceSummary: z.string().nullable(),
  lessonsLearned: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Incident = z.infer<typeof Incident>;

/** A list row: the case and its nearest open deadline (the list is sorted by it). */
export const IncidentListItem = Incident.extend({
  nextDeadline: z.object({ form: z.enum(REPORT_FORMS), dueAt: z.date(), countdown: Countdown }).nullable(),
});
export type IncidentListItem = z.infer<typeof IncidentListItem>;
export const IncidentPage = pageOf(IncidentListItem);

export const TimelineEntry = z.object({
  id: z.uuid(),
  at: z.date(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  recordedAt: z.date(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Indicator = z.object({
  id: z.uuid(),
  type: z.enum(INDICATOR_TYPES),
  value: z.string(),
  comment: z.string(),
  forDetection: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Evidence = z.object({
  id: z.uuid(),
  description: z.string(),
  addedBy: z.string().nullable(),
  addedAt: z.date(),
  file: StoredFile,
});
export type Evidence = z.infer<typeof Evidence>;

export const IncidentDetail = Incident.extend({
  allowedTransitions: z.array(z.enum(INCIDENT_STATUSES)),
  timeline: z.array(TimelineEntry),
  indicators: z.array(Indicator),
  evidence: z.array(Evidence),
  reports: z.array(ReportSummary),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const ReportDraft = z
  .object({
    fields: z.record(z.string().max(100), z.string().max(20_000)),
    recipientContactIds: z.array(z.uuid()).max(50).optional(),
  })
  .strict();
export type ReportDraft = z.infer<typeof ReportDraft>;

export const ReportSend = z
  .object({
    channel: z.enum(SEND_CHANNELS),
    /** For e-mail: the directory entries to send to (default: the report's recipients). */
    contactIds: z.array(z.uuid()).max(50).optional(),
    note: longText(2_000).optional(),
  })
  .strict();
export type ReportSend = z.infer<typeof ReportSend>;

export const ReminderRow = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  unitId: z.uuid(),
  form: z.enum(REPORT_FORMS),
  threshold: z.enum(['due_soon', 'overdue']),
  dueAt: z.date(),
  createdAt: z.date(),
});
