import { describe, expect, it } from 'vitest';
import {
  type DutyOverride,
  nextOnDuty,
  onDutyAt,
  type RosterPlan,
  rotationAnchor,
  shiftAt,
  upcomingShifts,
} from './rotation';

// Vietnam time, written the way people read a roster: "2026-12-01T08:00+07:00".
const vn = (local: string) => new Date(`${local}:00+07:00`);

const daily: RosterPlan = {
  rotation: 'daily',
  handoffTime: '08:00',
  startDate: '2026-12-01',
  members: ['an', 'binh', 'chi'],
};
const weekly: RosterPlan = { ...daily, rotation: 'weekly', handoffTime: '17:30', startDate: '2026-11-30' };

function override(userId: string, from: string, to: string, createdAt = '2026-11-01T00:00'): DutyOverride {
  return { userId, startsAt: vn(from), endsAt: vn(to), createdAt: vn(createdAt) };
}

describe('rotation', () => {
  it('anchors the first shift at the handover time in +07:00', () => {
    expect(rotationAnchor(daily).toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(rotationAnchor({ startDate: '2026-12-01', handoffTime: '00:00' }).toISOString()).toBe(
      '2026-11-30T17:00:00.000Z',
    );
  });

  it('turns daily at the handover minute, not at UTC or local midnight', () => {
    expect(shiftAt(daily, vn('2026-12-01T08:00'))?.userId).toBe('an');
    expect(shiftAt(daily, vn('2026-12-02T07:59'))?.userId).toBe('an');
    expect(shiftAt(daily, vn('2026-12-02T08:00'))?.userId).toBe('binh');
    // 23:30 UTC on the 2nd is 06:30 on the 3rd in Vietnam: still binh's shift.
    expect(shiftAt(daily, new Date('2026-12-02T23:30:00Z'))?.userId).toBe('binh');
    expect(shiftAt(daily, vn('2026-12-03T08:00'))?.userId).toBe('chi');
    expect(shiftAt(daily, vn('2026-12-04T08:00'))?.userId).toBe('an');
  });

  it('wraps around for years (no drift: +07:00 has no daylight saving)', () => {
    // 2027-12-01 is 365 days later: 365 % 3 = 2 → chi.
    expect(shiftAt(daily, vn('2027-12-01T09:00'))?.userId).toBe('chi');
    const shift = shiftAt(daily, vn('2027-12-01T09:00'))!;
    expect(shift.startsAt.toISOString()).toBe('2027-12-01T01:00:00.000Z');
    expect(shift.endsAt.toISOString()).toBe('2027-12-02T01:00:00.000Z');
  });

  it('turns weekly on the start weekday at the handover time', () => {
    expect(shiftAt(weekly, vn('2026-11-30T17:30'))?.userId).toBe('an');
    expect(shiftAt(weekly, vn('2026-12-07T17:29'))?.userId).toBe('an');
    expect(shiftAt(weekly, vn('2026-12-07T17:30'))?.userId).toBe('binh');
    expect(shiftAt(weekly, vn('2026-12-21T17:30'))?.userId).toBe('an');
  });

  it('has nobody before the first shift or without members', () => {
    expect(shiftAt(daily, vn('2026-12-01T07:59'))).toBeNull();
    expect(onDutyAt(daily, [], vn('2026-11-20T10:00'))).toBeNull();
    expect(onDutyAt({ ...daily, members: [] }, [], vn('2026-12-05T10:00'))).toBeNull();
  });
});

describe('overrides', () => {
  it('puts the override person on duty inside [start, end) only', () => {
    const holiday = [override('dung', '2026-12-02T12:00', '2026-12-02T18:00')];
    expect(onDutyAt(daily, holiday, vn('2026-12-02T11:59'))?.userId).toBe('binh');
    const during = onDutyAt(daily, holiday, vn('2026-12-02T12:00'))!;
    expect(during).toMatchObject({ userId: 'dung', source: 'override' });
    expect(during.shift?.userId).toBe('binh');
    expect(onDutyAt(daily, holiday, vn('2026-12-02T18:00'))?.userId).toBe('binh');
  });

  it('lets the newest of overlapping overrides win', () => {
    const both = [
      override('dung', '2026-12-02T00:00', '2026-12-03T00:00', '2026-11-01T00:00'),
      override('em', '2026-12-02T10:00', '2026-12-02T11:00', '2026-11-05T00:00'),
    ];
    expect(onDutyAt(daily, both, vn('2026-12-02T10:30'))?.userId).toBe('em');
    expect(onDutyAt(daily, both, vn('2026-12-02T11:30'))?.userId).toBe('dung');
    expect(onDutyAt(daily, [...both].reverse(), vn('2026-12-02T10:30'))?.userId).toBe('em');
  });

  it('covers time before the rotation starts (a holiday cover before go-live)', () => {
    const early = [override('dung', '2026-11-30T00:00', '2026-12-01T08:00')];
    expect(onDutyAt(daily, early, vn('2026-11-30T12:00'))).toMatchObject({ userId: 'dung', shift: null });
  });
});

describe('next on duty', () => {
  it('is the next shift’s person', () => {
    expect(nextOnDuty(daily, [], vn('2026-12-01T09:00'))).toBe('binh');
    expect(nextOnDuty(daily, [], vn('2026-12-03T09:00'))).toBe('an');
  });

  it('skips a next shift that an override gives to the same person', () => {
    // binh covers chi's shift too: after binh comes an.
    const swap = [override('binh', '2026-12-03T08:00', '2026-12-04T08:00')];
    expect(nextOnDuty(daily, swap, vn('2026-12-02T09:00'))).toBe('an');
  });

  it('is whoever covers the next shift by override', () => {
    const cover = [override('dung', '2026-12-02T08:00', '2026-12-03T08:00')];
    expect(nextOnDuty(daily, cover, vn('2026-12-01T09:00'))).toBe('dung');
  });

  it('is null for a one-person rotation and the first person before the start', () => {
    expect(nextOnDuty({ ...daily, members: ['an'] }, [], vn('2026-12-01T09:00'))).toBeNull();
    expect(nextOnDuty(daily, [], vn('2026-11-30T09:00'))).toBe('an');
  });
});

describe('upcoming shifts', () => {
  it('lists shifts with overrides applied at their start', () => {
    const cover = [override('dung', '2026-12-02T08:00', '2026-12-02T09:00')];
    const list = upcomingShifts(daily, cover, vn('2026-12-01T10:00'), 4);
    expect(list.map((s) => [s.userId, s.onDuty, s.source])).toEqual([
      ['an', 'an', 'rotation'],
      ['binh', 'dung', 'override'],
      ['chi', 'chi', 'rotation'],
      ['an', 'an', 'rotation'],
    ]);
    expect(list[1]!.startsAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });
});
