/** What a unit says about one task: not started, in progress, done, or cannot do (with a reason). */
export const ANSWER_STATUSES = ['not_started', 'in_progress', 'done', 'cannot_do'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** Matrix colours: overdue wins over every status but done. */
export type CellColour = 'grey' | 'blue' | 'green' | 'orange' | 'red';

/** Vietnamese calendar day (UTC+7, no daylight saving) as YYYY-MM-DD: deadlines are local days. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isOverdue(status: AnswerStatus, deadline: string, today: string): boolean {
  return status !== 'done' && deadline < today;
}

export function cellColour(status: AnswerStatus, deadline: string, today: string): CellColour {
  if (isOverdue(status, deadline, today)) return 'red';
  return ({ not_started: 'grey', in_progress: 'blue', done: 'green', cannot_do: 'orange' } as const)[status];
}

export const STATUS_LABELS: Record<AnswerStatus, { vi: string; en: string }> = {
  not_started: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  cannot_do: { vi: 'Không thực hiện được', en: 'Cannot do' },
};
