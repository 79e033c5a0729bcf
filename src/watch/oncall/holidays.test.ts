import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser } from '../../../test/factories';
import { HOLIDAY_PREFIX, holidayInterval } from './holidays';

let t: TestApp;
let admin: Agent;
let rosterId: string;
let members: string[];
let foreignUser: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  const unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-H' });
  const other = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-K' });
  members = [];
  for (const role of ['on_duty', 'on_duty', 'on_duty'] as const)
    members.push((await buildUser(t.sys, { unitId: unit.id, role })).id);
  foreignUser = (await buildUser(t.sys, { unitId: other.id, role: 'on_duty' })).id;
  const roster = await admin.request('POST', '/api/watch/rosters', {
    unitId: unit.id,
    name: 'Trực',
    rotation: 'daily',
    handoffTime: '08:00',
    startDate: '2026-08-01',
    members: members.slice(0, 2),
  });
  expect(roster.statusCode, roster.body).toBe(201);
  rosterId = roster.json().roster.id;
});
afterAll(() => t.close());

describe('holidays', () => {
  it('covers whole days from the handoff time, +07:00', () => {
    const { startsAt, endsAt } = holidayInterval('08:00', '2026-09-02', 2);
    expect(startsAt.toISOString()).toBe('2026-09-02T01:00:00.000Z');
    expect(endsAt.toISOString()).toBe('2026-09-04T01:00:00.000Z');
  });

  it('puts the holiday person on duty (an override named after the holiday)', async () => {
    const res = await admin.request('POST', `/api/watch/rosters/${rosterId}/holidays`, {
      name: 'Quốc khánh',
      startDate: '2999-09-02',
      days: 2,
      userId: members[2],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      userId: members[2],
      reason: `${HOLIDAY_PREFIX}Quốc khánh`,
      startsAt: '2999-09-02T01:00:00.000Z',
      endsAt: '2999-09-04T01:00:00.000Z',
    });
    const detail = (await admin.request('GET', `/api/watch/rosters/${rosterId}`)).json();
    expect(detail.overrides.map((o: { id: string }) => o.id)).toContain(res.json().id);
  });

  it('refuses bad input in the user’s language and writes nothing', async () => {
    const before = (await admin.request('GET', `/api/watch/rosters/${rosterId}`)).json().overrides.length;
    const zero = await admin.request(
      'POST',
      `/api/watch/rosters/${rosterId}/holidays`,
      { name: 'Tết', startDate: '2999-02-16', days: 0, userId: members[0] },
      { 'accept-language': 'vi' },
    );
    expect(zero.statusCode).toBe(400);
    expect(zero.json().message).toMatch(/^Dữ liệu không hợp lệ: body.days/);
    const foreign = await admin.request('POST', `/api/watch/rosters/${rosterId}/holidays`, {
      name: 'Tết',
      startDate: '2999-02-16',
      days: 5,
      userId: foreignUser,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('WATCH_USER_INVALID');
    const after = (await admin.request('GET', `/api/watch/rosters/${rosterId}`)).json().overrides.length;
    expect(after).toBe(before);
  });
});
