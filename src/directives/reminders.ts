import { z } from 'zod';
import { type Ctx, inTransaction } from '../core/context';
import type { JobKind } from '../jobs/registry';
import type { Reminder } from './contract';
import { dueAssignments, insertReminders } from './queries';
import { deliverDirectiveReminders } from './reminder-mail';
import { addDays, vietnamToday } from './statuses';

export const DIRECTIVES_REMIND = 'directives.remind';
export const DEFAULT_REMIND_DAYS = 3;

/** What the job hands to delivery (the notify capability wires itself to it at merge). */
export type ReminderRun = { remindedOn: string; days: number; reminders: Reminder[] };

/**
 * Finds the assigned tasks not done whose deadline falls within `days` Vietnamese days (or passed), and
 * records one reminder per assignment and day. Returns only the reminders recorded by this run, so that
 * running the job twice on one day sends nothing twice.
 */
export async function recordDueReminders(
  ctx: Ctx,
  options: { days?: number; now?: Date } = {},
): Promise<ReminderRun> {
  const days = options.days ?? DEFAULT_REMIND_DAYS;
  const today = vietnamToday(options.now);
  return inTransaction(ctx, async (tx) => {
    const due = await dueAssignments(tx.db, addDays(today, days));
    const fresh = new Set(
      await insertReminders(
        tx.db,
        due.map((row) => ({
          assignmentId: row.assignment.id,
          remindedOn: today,
          deadline: row.assignment.deadline,
        })),
      ),
    );
    const reminders = due
      .filter((row) => fresh.has(row.assignment.id))
      .map((row) => ({
        assignmentId: row.assignment.id,
        unitId: row.assignment.unitId,
        unitName: row.unitName,
        directiveId: row.directiveId,
        directiveNumber: row.directiveNumber,
        taskPosition: row.taskPosition,
        taskText: row.taskText,
        deadline: row.assignment.deadline,
        status: row.assignment.status,
        overdue: row.assignment.deadline < today,
      }));
    return { remindedOn: today, days, reminders };
  });
}

/**
 * Records today's reminders and queues their mail in one transaction (notify's outbox): a reminder is
 * marked sent for the day if and only if its mail is queued. The job and the CLI both go through here.
 */
export async function remindAndMail(ctx: Ctx, options: { days?: number; now?: Date } = {}) {
  return inTransaction(ctx, async (tx) => {
    const run = await recordDueReminders(tx, options);
    return { ...run, mail: await deliverDirectiveReminders(tx, run.reminders) };
  });
}

const RemindPayload = z.object({ days: z.number().int().min(0).max(60).optional() }).strict();

export const remindJob: JobKind<typeof RemindPayload> = {
  kind: DIRECTIVES_REMIND,
  title: { vi: 'Nhắc hạn nhiệm vụ được giao', en: 'Remind units of task deadlines' },
  payload: RemindPayload,
  async run(payload, { ctx, progress }) {
    const result = await remindAndMail(ctx, { days: payload.days });
    await progress(100, `${result.reminders.length}`);
    return result;
  },
};

export const DIRECTIVE_JOB_KINDS: readonly JobKind[] = [remindJob as unknown as JobKind];
