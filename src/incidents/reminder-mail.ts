import type { Ctx } from '../core/context';
import { publicLink } from '../core/public-url';
import { emptyTally, type MailTally, mailIfPossible } from '../notify/unit-mail';
import { findUnitById } from '../units/queries';
import { findUserById, findUserByUsername } from '../users/queries';
import { dutyNow } from '../watch/oncall/on-duty-now';
import { incidentOwners } from './queries';
import type { IncidentReminder } from './reminders';

/** "HH:mm dd/MM/yyyy" in Vietnam time, as the officers read deadlines. */
export function vietnamTime(at: Date): string {
  const part = (type: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

export function incidentReminderMail(reminder: IncidentReminder): { subject: string; text: string } {
  const due = vietnamTime(reminder.dueAt);
  const link = publicLink(`/incidents/${reminder.incidentId}`);
  const overdue = reminder.threshold === 'overdue';
  const subject = overdue
    ? `[${reminder.reference}] ${reminder.formTitle}: đã quá hạn / report overdue`
    : `[${reminder.reference}] ${reminder.formTitle}: sắp đến hạn / report due soon`;
  const text = [
    `Sự cố ${reminder.reference}: ${reminder.formTitle} ${overdue ? 'đã quá hạn' : 'đến hạn'} lúc ${due} (giờ Việt Nam).`,
    `Lập và gửi báo cáo: ${link}`,
    '',
    '---',
    `Incident ${reminder.reference}: the report "${reminder.formTitle}" ${overdue ? 'was due' : 'is due'} at ${reminder.dueAt.toISOString()}.`,
    `Prepare and send the report: ${link}`,
  ].join('\n');
  return { subject, text };
}

/**
 * The case owner (the person who opened it, for a case without an owner) and whoever is on duty now for the
 * case's unit. A disabled owner gets nothing.
 */
async function recipientsOf(
  ctx: Ctx,
  reminder: IncidentReminder,
  who: { ownerUserId: string | null; createdBy: string | null } | undefined,
  now: Date,
) {
  const to: string[] = [];
  const owner = who?.ownerUserId
    ? await findUserById(ctx.db, who.ownerUserId)
    : who?.createdBy
      ? await findUserByUsername(ctx.db, who.createdBy)
      : undefined;
  if (owner?.email && !owner.disabled) to.push(owner.email);
  const unit = await findUnitById(ctx.db, reminder.unitId);
  const duty = unit ? await dutyNow(ctx, unit.path, now) : undefined;
  if (duty?.person?.email) to.push(duty.person.email);
  return to;
}

/**
 * Mails each reminder through the case unit's (or nearest ancestor's) e-mail channel. A unit without a
 * channel, or a case with nobody to tell, is counted and skipped, never an error that stops the job.
 */
export async function deliverIncidentReminders(
  ctx: Ctx,
  reminders: readonly IncidentReminder[],
  now = new Date(),
): Promise<MailTally> {
  const tally = emptyTally();
  const owners = await incidentOwners(ctx.db, [...new Set(reminders.map((r) => r.incidentId))]);
  for (const reminder of reminders) {
    const to = await recipientsOf(ctx, reminder, owners.get(reminder.incidentId), now);
    await mailIfPossible(ctx, { unitId: reminder.unitId, to, ...incidentReminderMail(reminder) }, tally);
  }
  return tally;
}
