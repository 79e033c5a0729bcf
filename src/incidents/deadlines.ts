import type { FormRule } from './regimes';

export type DeadlineAnchors = { detectedAt: Date; responseEndedAt: Date | null; beyondCapacity: boolean };

const HOUR_MS = 60 * 60 * 1000;

/**
 * The legal deadline of a form for a case, or null when none applies yet (no legal deadline, the response has not
 * ended, or the form is only due beyond the operator's capacity and the case is not).
 */
export function reportDeadline(rule: FormRule, anchors: DeadlineAnchors): Date | null {
  if (rule.hours === null) return null;
  if (rule.onlyWhenBeyondCapacity && !anchors.beyondCapacity) return null;
  const start = rule.anchor === 'detected' ? anchors.detectedAt : anchors.responseEndedAt;
  if (!start) return null;
  return new Date(start.getTime() + rule.hours * HOUR_MS);
}

export type CountdownState = 'none' | 'sent' | 'open' | 'due_soon' | 'overdue';

export type Countdown = {
  state: CountdownState;
  /** Milliseconds left (negative once overdue); null without a deadline. */
  remainingMs: number | null;
  /** "2 ngày 3 giờ" / "quá hạn 5 giờ": Vietnamese, the console adds the English. */
  label: string;
};

/** Within this much of the deadline a report is "due soon" (and the reminder job speaks). */
export const DUE_SOON_MS = 24 * HOUR_MS;

/** "chậm nhất 05 ngày": at the deadline instant itself the report is still on time; one millisecond later it is late. */
export function countdown(dueAt: Date | null, now: Date, sentAt: Date | null = null): Countdown {
  if (sentAt)
    return { state: 'sent', remainingMs: dueAt ? dueAt.getTime() - sentAt.getTime() : null, label: 'đã gửi' };
  if (!dueAt) return { state: 'none', remainingMs: null, label: 'không có thời hạn' };
  const remainingMs = dueAt.getTime() - now.getTime();
  if (remainingMs < 0) return { state: 'overdue', remainingMs, label: `quá hạn ${duration(-remainingMs)}` };
  const state = remainingMs <= DUE_SOON_MS ? 'due_soon' : 'open';
  return { state, remainingMs, label: `còn ${duration(remainingMs)}` };
}

/** "2 ngày 3 giờ", "5 giờ 10 phút", "45 phút", "0 phút": the two largest units, rounded down. */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return mins > 0 ? `${hours} giờ ${mins} phút` : `${hours} giờ`;
  return `${mins} phút`;
}
