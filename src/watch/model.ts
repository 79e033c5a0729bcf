/** Shared constants of the watch (alerts and on-duty), for schema, contract and code. */
export const ALERT_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_STATUSES = ['new', 'acknowledged', 'in_progress', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const CLOSE_REASONS = ['resolved', 'false_positive', 'benign', 'duplicate', 'promoted'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const ALERT_EVENT_KINDS = [
  'raised',
  'repeated',
  'acknowledged',
  'status',
  'assigned',
  'comment',
  'notified',
  'escalated',
] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];

/** A contributing event: where it is stored (ingest's id) and when it happened. */
export type EventRef = { id: string; at?: string | undefined; source?: string | undefined };

export const ROTATIONS = ['daily', 'weekly'] as const;
export type Rotation = (typeof ROTATIONS)[number];

/** Who an escalation step reaches: the person on duty, the next one in the rotation, the supervisor, a user. */
export const STEP_TARGETS = ['on_duty', 'next_on_duty', 'supervisor', 'user'] as const;
export type StepTarget = (typeof STEP_TARGETS)[number];

export type EscalationStep = {
  target: StepTarget;
  userId?: string | undefined;
  channelIds: string[];
  /** Minutes to wait for an acknowledgement before the next step runs. */
  waitMinutes: number;
};

/** The watch's time zone: Vietnam keeps +07:00 all year (no daylight saving since 1975). */
export const WATCH_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const WATCH_UTC_OFFSET_MINUTES = 7 * 60;
