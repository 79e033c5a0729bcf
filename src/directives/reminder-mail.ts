import type { Ctx } from '../core/context';
import { publicLink } from '../core/public-url';
import { emptyTally, type MailTally, mailIfPossible } from '../notify/unit-mail';
import { emailRecipientsOfUnit } from '../users/queries';
import type { Reminder } from './contract';

/** "2023-04-01" → "01/04/2023", as Vietnamese documents write dates. */
function vietnameseDate(isoDay: string): string {
  const [y, m, d] = isoDay.split('-');
  return `${d}/${m}/${y}`;
}

/** The reminder's mail, Vietnamese first, English second; the link opens the unit's task list. */
export function directiveReminderMail(reminder: Reminder): { subject: string; text: string } {
  const due = vietnameseDate(reminder.deadline);
  const link = publicLink('/my-tasks');
  const head = reminder.overdue
    ? `Nhiệm vụ đã quá hạn ${due} / Task overdue since ${reminder.deadline}`
    : `Nhiệm vụ đến hạn ${due} / Task due on ${reminder.deadline}`;
  const subject = `[${reminder.directiveNumber}] ${head}`;
  const text = [
    `Kính gửi ${reminder.unitName},`,
    '',
    `Văn bản số ${reminder.directiveNumber}, nhiệm vụ ${reminder.taskPosition}:`,
    reminder.taskText,
    '',
    `Hạn hoàn thành: ${due}${reminder.overdue ? ' (đã quá hạn)' : ''}.`,
    `Xem và trả lời nhiệm vụ: ${link}`,
    '',
    '---',
    `Directive ${reminder.directiveNumber}, task ${reminder.taskPosition} (text above).`,
    `Deadline: ${reminder.deadline}${reminder.overdue ? ' (overdue)' : ''}.`,
    `View and answer the task: ${link}`,
  ].join('\n');
  return { subject, text };
}

/**
 * Mails each reminder to the unit officers of the assigned unit who have an e-mail address, through the
 * unit's (or its nearest ancestor's) e-mail channel. A unit without a channel or without such an officer
 * is counted and skipped.
 */
export async function deliverDirectiveReminders(
  ctx: Ctx,
  reminders: readonly Reminder[],
): Promise<MailTally> {
  const tally = emptyTally();
  const recipients = new Map<string, string[]>();
  for (const reminder of reminders) {
    if (!recipients.has(reminder.unitId)) {
      const officers = await emailRecipientsOfUnit(ctx.db, reminder.unitId, ['unit_officer']);
      recipients.set(
        reminder.unitId,
        officers.map((o) => o.email),
      );
    }
    const mail = directiveReminderMail(reminder);
    await mailIfPossible(
      ctx,
      { unitId: reminder.unitId, to: recipients.get(reminder.unitId)!, ...mail },
      tally,
    );
  }
  return tally;
}
