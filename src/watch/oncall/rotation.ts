import { type Rotation, WATCH_UTC_OFFSET_MINUTES } from '../model';

/**
 * Who is on duty, computed, never stored: a rotation is an anchor (the first shift's start), a period
 * and an ordered list of people. Vietnam keeps UTC+07:00 all year, so wall-clock arithmetic in
 * milliseconds is exact (no daylight-saving gaps or repeated hours to handle).
 */
export type RosterPlan = {
  rotation: Rotation;
  /** "HH:MM", Vietnam time, when one shift hands over to the next. */
  handoffTime: string;
  /** "YYYY-MM-DD", Vietnam date of the first shift, taken by members[0]. */
  startDate: string;
  members: readonly string[];
};

export type DutyOverride = {
  id?: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  reason?: string;
};

export type Shift = { index: number; userId: string; startsAt: Date; endsAt: Date };

export type OnDuty = {
  userId: string;
  source: 'rotation' | 'override';
  /** The rotation's shift at that moment (its end is when the next person takes over). */
  shift: Shift | null;
  override: DutyOverride | null;
};

const HOUR_MS = 3_600_000;
const PERIOD_MS: Record<Rotation, number> = { daily: 24 * HOUR_MS, weekly: 7 * 24 * HOUR_MS };

/** The first shift's start as an instant: startDate handoffTime at +07:00. */
export function rotationAnchor(plan: Pick<RosterPlan, 'startDate' | 'handoffTime'>): Date {
  const [y, m, d] = plan.startDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = plan.handoffTime.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - WATCH_UTC_OFFSET_MINUTES * 60_000);
}

function shiftByIndex(plan: RosterPlan, index: number): Shift {
  const period = PERIOD_MS[plan.rotation];
  const start = rotationAnchor(plan).getTime() + index * period;
  const userId = plan.members[index % plan.members.length]!;
  return { index, userId, startsAt: new Date(start), endsAt: new Date(start + period) };
}

/** The rotation's shift covering `at`; null before the first shift or with nobody in the rotation. */
export function shiftAt(plan: RosterPlan, at: Date): Shift | null {
  if (plan.members.length === 0) return null;
  const offset = at.getTime() - rotationAnchor(plan).getTime();
  if (offset < 0) return null;
  return shiftByIndex(plan, Math.floor(offset / PERIOD_MS[plan.rotation]));
}

/** The override covering `at` ([startsAt, endsAt)); when several overlap, the newest one wins. */
export function overrideAt(overrides: readonly DutyOverride[], at: Date): DutyOverride | null {
  const t = at.getTime();
  let best: DutyOverride | null = null;
  for (const o of overrides) {
    if (o.startsAt.getTime() <= t && t < o.endsAt.getTime()) {
      if (!best || o.createdAt.getTime() > best.createdAt.getTime()) best = o;
    }
  }
  return best;
}

/** Who is on duty at `at`: an override first, else the rotation. Null when nobody is. */
export function onDutyAt(plan: RosterPlan, overrides: readonly DutyOverride[], at: Date): OnDuty | null {
  const shift = shiftAt(plan, at);
  const override = overrideAt(overrides, at);
  if (override) return { userId: override.userId, source: 'override', shift, override };
  if (!shift) return null;
  return { userId: shift.userId, source: 'rotation', shift, override: null };
}

/**
 * The person to escalate to after the one on duty: whoever is on duty at the next handover, skipping
 * shifts that fall to the same person (an override, or a one-person rotation gives null).
 */
export function nextOnDuty(plan: RosterPlan, overrides: readonly DutyOverride[], at: Date): string | null {
  const current = onDutyAt(plan, overrides, at);
  if (plan.members.length === 0) return null;
  const base = shiftAt(plan, at)?.index ?? -1;
  for (let step = 1; step <= plan.members.length; step++) {
    const shift = shiftByIndex(plan, base + step);
    const who = onDutyAt(plan, overrides, shift.startsAt)?.userId ?? shift.userId;
    if (who !== current?.userId) return who;
  }
  return null;
}

/** The next `count` rotation shifts from the one covering `from`, each with the person really on duty at its start. */
export function upcomingShifts(
  plan: RosterPlan,
  overrides: readonly DutyOverride[],
  from: Date,
  count: number,
): (Shift & { onDuty: string; source: OnDuty['source'] })[] {
  if (plan.members.length === 0) return [];
  const first = shiftAt(plan, from)?.index ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const shift = shiftByIndex(plan, first + i);
    const duty = onDutyAt(plan, overrides, shift.startsAt);
    return { ...shift, onDuty: duty?.userId ?? shift.userId, source: duty?.source ?? 'rotation' };
  });
}
