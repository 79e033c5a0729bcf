import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { type SendEmail, sendEmail } from './delivery';

/** How a batch of reminder mails went: what a job returns and shows. */
export type MailTally = { queued: number; noChannel: number; noRecipient: number };

export function emptyTally(): MailTally {
  return { queued: 0, noChannel: 0, noRecipient: 0 };
}

/**
 * sendEmail for background jobs: a unit that no e-mail channel covers (its own or an ancestor's), or a
 * message with nobody to send it to, is counted and skipped, so that one unit never stops a whole run.
 * The channel is looked up before anything is written, so a skip leaves the caller's transaction usable.
 */
export async function mailIfPossible(ctx: Ctx, input: SendEmail, tally: MailTally): Promise<void> {
  const to = [...new Set(Array.isArray(input.to) ? input.to : [input.to])].filter(Boolean);
  if (to.length === 0) {
    tally.noRecipient += 1;
    return;
  }
  try {
    await sendEmail(ctx, { ...input, to });
    tally.queued += 1;
  } catch (error) {
    if (error instanceof AppError && error.code === 'EMAIL_CHANNEL_MISSING') {
      tally.noChannel += 1;
      ctx.log.info({ unitId: input.unitId }, 'no e-mail channel covers the unit: reminder skipped');
      return;
    }
    throw error;
  }
}
