import type { Ctx } from '../../core/context';
import type { HolidayCreate } from './contract';
import { rotationAnchor } from './rotation';
import { addOverride, loadRosterInScope } from './service';

const DAY_MS = 86_400_000;
export const HOLIDAY_PREFIX = 'Nghỉ lễ / Holiday: ';

/** The interval a holiday covers: `days` whole shifts' worth of time, handoff to handoff (+07:00). */
export function holidayInterval(handoffTime: string, startDate: string, days: number) {
  const startsAt = rotationAnchor({ startDate, handoffTime });
  return { startsAt, endsAt: new Date(startsAt.getTime() + days * DAY_MS) };
}

/** Puts one person on duty for a holiday; an override like any other, named so the console shows it. */
export async function addHoliday(ctx: Ctx, rosterId: string, input: HolidayCreate) {
  const { roster } = await loadRosterInScope(ctx, rosterId);
  const { startsAt, endsAt } = holidayInterval(roster.handoffTime, input.startDate, input.days);
  return addOverride(ctx, rosterId, {
    userId: input.userId,
    startsAt,
    endsAt,
    reason: `${HOLIDAY_PREFIX}${input.name}`,
  });
}
