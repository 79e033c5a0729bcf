import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit } from '../../../test/factories';
import { createLogger } from '../../core/log';
import { auditLog } from '../../core/schema';
import { type JobWorker, startJobWorker } from '../../jobs/worker';
import { failedLogon, ruleYaml } from './test-rules';

const ATTACKER = randomUUID();
const ADMINS = randomUUID();

let t: TestApp;
let admin: Agent;
const units: Record<'a' | 'b', { id: string; token: string }> = {} as never;
let worker: JobWorker;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  for (const key of ['a', 'b'] as const) {
    const id = (await buildUnit(t.sys, { parentId: t.root.id, code: `XA-${key.toUpperCase()}` })).id;
    const res = await admin.request('POST', '/api/log-sources', {
      unitId: id,
      name: `Winlogbeat ${key}`,
      kind: 'http',
    });
    units[key] = { id, token: res.json().token };
  }
  const placeholderRule = ruleYaml({
    id: ADMINS,
    level: 'medium',
    detection:
      "  selection:\n    EventID: 4625\n    TargetUserName|expand: '%Admins%'\n  condition: selection\n",
  });
  for (const yaml of [ruleYaml({ id: ATTACKER, author: 'Tác Giả Một' }), placeholderRule]) {
    expect((await admin.request('POST', '/api/sigma-rules', { yaml })).statusCode).toBe(200);
  }
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

async function ingest(unit: 'a' | 'b', body: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/ingest/events',
    payload: body,
    headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': units[unit].token },
  });
  expect(res.statusCode).toBeLessThan(300);
}

async function alertsOf(unit: 'a' | 'b', ruleId: string) {
  const res = await admin.request('GET', `/api/watch/alerts?unitId=${units[unit].id}&ruleId=${ruleId}`);
  return res.json().items as Array<{
    id: string;
    count: number;
    groupKey: string;
    events: unknown[];
    ruleAuthor: string;
  }>;
}

const rowOf = async (ruleId: string) =>
  (await admin.request('GET', `/api/sigma-rules?q=${ruleId}`)).json().items[0].id as string;

describe('detection follows each unit’s switches and tuning', () => {
  it('a rule switched off for one unit raises nothing there and still raises for the other', async () => {
    await admin.request('PUT', `/api/sigma-rules/${await rowOf(ATTACKER)}/units/${units.a.id}`, {
      enabled: false,
    });
    await ingest('a', failedLogon('attacker'));
    await ingest('b', failedLogon('attacker'));
    expect(await alertsOf('a', ATTACKER)).toEqual([]);
    expect(await alertsOf('b', ATTACKER)).toMatchObject([{ count: 1, ruleAuthor: 'Tác Giả Một' }]);
  });

  it('placeholders: %Admins% is the unit’s own list; a unit without the list never matches', async () => {
    await admin.request('PUT', `/api/sigma-tuning/${units.a.id}/placeholders`, {
      placeholders: { Admins: ['adm_a'] },
    });
    await ingest('a', failedLogon('adm_a'));
    await ingest('b', failedLogon('adm_a'));
    expect(await alertsOf('a', ADMINS)).toMatchObject([{ count: 1 }]);
    expect(await alertsOf('b', ADMINS)).toEqual([]);
  });

  it('a unit filter (mf_) drops the matches it describes, only for that unit', async () => {
    const filter = `title: Jump host logons are expected\nlogsource:\n  product: windows\nfilter:\n  rules:\n    - ${ATTACKER}\n  selection:\n    Computer: JUMP-01.xa.local\n  condition: selection\n`;
    expect(
      (await admin.request('POST', `/api/sigma-tuning/${units.b.id}/filters`, { yaml: filter })).statusCode,
    ).toBe(200);
    await ingest('b', failedLogon('attacker', { host: 'JUMP-01' }));
    expect((await alertsOf('b', ATTACKER)).map((a) => a.groupKey)).toEqual(['PC-01.xa.local']);
  });

  it('the alerts of one batch are raised in one go: five repeats become one alert with count 5', async () => {
    const before = await raiseAudits();
    const body = Array.from({ length: 5 }, (_, i) =>
      failedLogon('attacker', { host: 'PC-07', time: `2026-03-15T04:00:0${i}.000Z` }),
    ).join('');
    await ingest('b', body);
    const alert = (await alertsOf('b', ATTACKER)).find((a) => a.groupKey === 'PC-07.xa.local');
    expect(alert).toMatchObject({ count: 5 });
    expect(alert!.events).toHaveLength(5);
    expect((await raiseAudits()) - before).toBe(1);
  });
});

async function raiseAudits() {
  const [row] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'watch.alert_raise'), eq(auditLog.unitId, units.b.id)));
  return row!.n;
}

describe('backtest', () => {
  it('runs a rule not yet saved on a unit’s stored events of a range, as a job, raising no alert', async () => {
    const id = randomUUID();
    const yaml = ruleYaml({ id, user: 'backtest-user', author: 'Người Thử' });
    await ingest(
      'a',
      [
        failedLogon('backtest-user', { time: '2026-03-10T01:00:00.000Z' }),
        failedLogon('backtest-user', { time: '2026-03-10T02:00:00.000Z', host: 'PC-02' }),
        failedLogon('someone-else', { time: '2026-03-10T03:00:00.000Z' }),
        failedLogon('backtest-user', { time: '2026-03-12T01:00:00.000Z' }),
      ].join(''),
    );
    const bad = await admin.request('POST', '/api/sigma-rules/backtest', {
      unitId: units.a.id,
      yaml,
      from: '2026-03-11T00:00:00Z',
      to: '2026-03-10T00:00:00Z',
    });
    expect(bad.json().code).toBe('SIGMA_BACKTEST_RANGE');
    const res = await admin.request('POST', '/api/sigma-rules/backtest', {
      unitId: units.a.id,
      yaml,
      from: '2026-03-10T00:00:00Z',
      to: '2026-03-11T00:00:00Z',
    });
    expect(res.statusCode).toBe(200);
    for (let i = 0; i < 20 && (await worker.runOnce()); i++);
    const job = (await admin.request('GET', `/api/jobs/${res.json().id}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(job.result).toMatchObject({
      scanned: 3,
      matches: 2,
      truncated: false,
      byRule: [{ ruleId: id, author: 'Người Thử', matches: 2 }],
    });
    expect(job.result.sample.map((s: { host: string }) => s.host)).toEqual([
      'PC-01.xa.local',
      'PC-02.xa.local',
    ]);
    expect(await alertsOf('a', id)).toEqual([]);
  });

  it('a text that does not compile is refused before any job is queued', async () => {
    const res = await admin.request('POST', '/api/sigma-rules/backtest', {
      unitId: units.a.id,
      yaml: ruleYaml({
        id: randomUUID(),
        detection: '  selection:\n    A|bogus: 1\n  condition: selection\n',
      }),
      from: '2026-03-10T00:00:00Z',
      to: '2026-03-11T00:00:00Z',
    });
    expect(res.json().code).toBe('SIGMA_RULE_INVALID');
  });
});
