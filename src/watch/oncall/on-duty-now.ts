import type { Ctx } from '../../core/context';
import { coveringRoster } from './escalation';
import { overridesOf, type RosterRow, usersByIds } from './queries';
import { onDutyAt } from './rotation';

export type DutyNow = {
  roster: RosterRow;
  /** Null when the roster has nobody at this moment (no members yet, or before its start date). */
  person: { userId: string; displayName: string; email: string | null } | null;
};

/**
 * The roster covering the unit (its own, else its nearest ancestor's) and who is on duty on it at `now`;
 * undefined when no roster covers the unit. For other capabilities: reminders, directive evidence.
 */
export async function dutyNow(ctx: Ctx, unitPath: string, now = new Date()): Promise<DutyNow | undefined> {
  const roster = await coveringRoster(ctx, unitPath);
  if (!roster) return undefined;
  const duty = onDutyAt(roster, await overridesOf(ctx.db, roster.id, now), now);
  if (!duty) return { roster, person: null };
  const [user] = await usersByIds(ctx.db, [duty.userId]);
  const person =
    user && !user.disabled ? { userId: user.id, displayName: user.displayName, email: user.email } : null;
  return { roster, person };
}
