import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { hosts } from '../inventory/schema';
import type { JobTools } from '../jobs/registry';
import type { Unit } from '../units/contract';
import { rematchJob } from './jobs';
import { findings, findingTrend } from './schema';
import { findingTrend as readFindingTrend, snapshotFindingTrend, trendDayOf } from './trend';

const DAY_MS = 86_400_000;
// A fixed instant (10:00 UTC = 17:00 in Vietnam) so "overdue" never depends on the wall clock.
const AT = new Date('2026-03-10T10:00:00Z');

let t: TestApp;
let admin: Agent;
let commune: Unit;
let school: Unit;
let other: Unit;

type Built = Partial<typeof findings.$inferInsert> & {
  severity: 'critical' | 'high' | 'medium' | 'low' | 'none';
};

/** One host with one finding in `unit`; due one day after AT unless told otherwise. */
async function buildFinding(unit: Unit, values: Built): Promise<string> {
  const [host] = await t.db
    .insert(hosts)
    .values({ unitId: unit.id, hostname: `h-${crypto.randomUUID().slice(0, 8)}`, source: 'manual' })
    .returning();
  const [row] = await t.db
    .insert(findings)
    .values({
      hostId: host!.id,
      unitId: unit.id,
      cve: 'CVE-2023-23397',
      productName: 'Microsoft Outlook 2016',
      match: 'vulnerable',
      rule: 'office-msi',
      confidence: 'high',
      dueAt: new Date(AT.getTime() + DAY_MS),
      firstSeenAt: AT,
      lastSeenAt: AT,
      ...values,
    })
    .returning();
  return row!.id;
}

const rowsOf = (day: string) =>
  t.db.select().from(findingTrend).where(eq(findingTrend.day, day)).orderBy(asc(findingTrend.unitId));

describe('findings trend', () => {
  let fixable: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    commune = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-A', kind: 'commune' });
    school = await buildUnit(t.sys, { parentId: commune.id, code: 'TRUONG-A', kind: 'school' });
    other = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-B', kind: 'commune' });
    const overdue = new Date(AT.getTime() - DAY_MS);
    fixable = await buildFinding(commune, { severity: 'critical', exploited: true });
    await buildFinding(commune, { severity: 'critical', dueAt: overdue });
    // Risk accepted: still open work, but parked, so never overdue.
    await buildFinding(commune, { severity: 'high', status: 'risk_accepted', dueAt: overdue });
    await buildFinding(commune, { severity: 'medium', status: 'fixed' });
    await buildFinding(commune, { severity: 'medium', status: 'false_positive' });
    await buildFinding(commune, { severity: 'low', match: 'unknown' });
    await buildFinding(school, { severity: 'medium', status: 'in_progress', dueAt: overdue });
    await buildFinding(other, { severity: 'low' });
  });
  afterAll(() => t?.close());

  it('the day of a snapshot is the calendar day in Vietnam, not in UTC', () => {
    expect(trendDayOf(new Date('2026-03-10T16:59:00Z'))).toBe('2026-03-10');
    expect(trendDayOf(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
  });

  it('counts open findings per unit by severity, exploited and overdue; every unit gets a row', async () => {
    const taken = await snapshotFindingTrend(t.sys, AT);
    const rows = await rowsOf('2026-03-10');
    expect(taken).toEqual({ day: '2026-03-10', units: rows.length });
    // Root, the two communes and the school, zero rows included.
    expect(rows.map((r) => r.unitId).sort()).toEqual([t.root.id, commune.id, school.id, other.id].sort());
    const byUnit = new Map(rows.map(({ day: _d, unitId, takenAt: _t, ...counts }) => [unitId, counts]));
    expect(byUnit.get(commune.id)).toEqual({
      critical: 2,
      high: 1,
      medium: 0,
      low: 0,
      none: 0,
      exploited: 1,
      overdue: 1,
      unknown: 1,
    });
    expect(byUnit.get(school.id)).toMatchObject({ medium: 1, overdue: 1, critical: 0 });
    expect(byUnit.get(other.id)).toMatchObject({ low: 1, overdue: 0 });
    expect(byUnit.get(t.root.id)).toMatchObject({ critical: 0, high: 0, medium: 0, low: 0, unknown: 0 });
  });

  it('re-taking the same day replaces its rows and leaves the other days alone', async () => {
    await snapshotFindingTrend(t.sys, new Date(AT.getTime() - DAY_MS));
    await t.db.update(findings).set({ status: 'fixed', fixedAt: AT }).where(eq(findings.id, fixable));
    await snapshotFindingTrend(t.sys, new Date(AT.getTime() + 3_600_000));
    const today = await rowsOf('2026-03-10');
    expect(today).toHaveLength(4);
    expect(today.find((r) => r.unitId === commune.id)).toMatchObject({ critical: 1, exploited: 0 });
    expect((await rowsOf('2026-03-09')).find((r) => r.unitId === commune.id)).toMatchObject({
      critical: 2,
      exploited: 1,
    });
    await t.db.update(findings).set({ status: 'open', fixedAt: null }).where(eq(findings.id, fixable));
  });

  it('sums the subtree per day, oldest first, within the asked window', async () => {
    const trend = await readFindingTrend(t.sys, { unitId: commune.id, days: 2 }, AT);
    expect(trend).toMatchObject({ unitId: commune.id, from: '2026-03-09', to: '2026-03-10' });
    expect(trend.points.map((p) => p.day)).toEqual(['2026-03-09', '2026-03-10']);
    // Commune + school: 2 critical + 1 high + 1 medium open on the 9th, none due yet then; on the 10th
    // the commune's critical and the school's medium are past due (the accepted risk is not counted).
    expect(trend.points[0]).toMatchObject({
      critical: 2,
      high: 1,
      medium: 1,
      open: 4,
      overdue: 0,
      exploited: 1,
    });
    expect(trend.points[1]).toMatchObject({ critical: 1, open: 3, overdue: 2, exploited: 0 });
    const oneDay = await readFindingTrend(t.sys, { days: 1 }, AT);
    expect(oneDay.points).toEqual([expect.objectContaining({ day: '2026-03-10', low: 1, open: 4 })]);
  });

  it('a unit officer sees their own subtree only, over the API', async () => {
    // Points two and one days back from now, so the API's own window (ending today) holds them.
    const now = Date.now();
    await snapshotFindingTrend(t.sys, new Date(now - 2 * DAY_MS));
    await snapshotFindingTrend(t.sys, new Date(now - DAY_MS));
    const officer = await buildUser(t.sys, { unitId: commune.id, role: 'unit_officer' });
    const agent = await signIn(t.app, officer.username, USER_PASSWORD);
    const own = await agent.request('GET', '/api/findings/trend?days=30');
    expect(own.statusCode, own.body).toBe(200);
    const points = own.json().points as { day: string; open: number; low: number }[];
    expect(points).toHaveLength(2);
    // The other commune's low finding is not in the officer's sums; the school's medium one is.
    expect(points.every((p) => p.open === 4 && p.low === 0)).toBe(true);
    const foreign = await agent.request('GET', `/api/findings/trend?unitId=${other.id}`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('SCOPE_FORBIDDEN');
    const all = await admin.request('GET', '/api/findings/trend?days=30');
    expect((all.json().points as { open: number }[]).map((p) => p.open)).toEqual([5, 5]);
  });

  it('refuses a window outside 1…366 days with a 400, in Vietnamese first', async () => {
    for (const days of ['0', '367', 'abc']) {
      const res = await admin.request('GET', `/api/findings/trend?days=${days}`);
      expect(res.statusCode, days).toBe(400);
    }
  });

  it('a re-match writes the day’s point, so a fresh install has one at once', async () => {
    await t.db.delete(findingTrend);
    const tools = { ctx: t.sys, progress: async () => {} } as unknown as JobTools;
    const result = (await rematchJob.run({}, tools)) as { trend: { day: string } };
    expect(result.trend.day).toBe(trendDayOf(new Date()));
    expect((await rowsOf(result.trend.day)).length).toBe(4);
  });
});
