import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit } from '../../../test/factories';
import { multipartBody } from '../../../test/multipart';
import { sigmaRules } from './schema';

const RULE_ID = '0b7c4a52-3f1e-4d2a-9a61-5c2f8e9d1a01';
const RULE = `title: Failed logon of the attacker account
id: ${RULE_ID}
status: experimental
author: Trần Thị Kiểm Thử
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
    TargetUserName: attacker
  condition: selection
level: high
`;
const BAD_RULE = `title: Unknown modifier
id: 2f9a8c11-6d4e-4b3a-8e72-1a0b9c8d7e02
logsource:
  product: windows
  service: security
detection:
  selection:
    CommandLine|nosuchmodifier: x
  condition: selection
level: low
`;

let t: TestApp;
let admin: Agent;
let unitId: string;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-SIGMA' })).id;
  const res = await admin.request('POST', '/api/log-sources', { unitId, name: 'Winlogbeat', kind: 'http' });
  token = res.json().token;
});
afterAll(() => t.close());

const upload = (files: { name: string; content: string }[]) => {
  const { payload, headers } = multipartBody('files', files);
  return admin.request('POST', '/api/sigma-rules/import', payload, headers);
};

const failedLogon = (user: string) =>
  `${JSON.stringify({
    '@timestamp': '2026-03-15T03:00:00.000Z',
    host: { name: 'PC-01' },
    winlog: {
      channel: 'Security',
      event_id: 4625,
      provider_name: 'Microsoft-Windows-Security-Auditing',
      computer_name: 'PC-01.xa.local',
      event_data: { TargetUserName: user, IpAddress: '198.18.0.7', LogonType: '3' },
    },
  })}\n`;

async function ingest(body: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/ingest/events',
    payload: body,
    headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
  });
  expect(res.statusCode).toBeLessThan(300);
}

async function alerts() {
  const res = await admin.request('GET', `/api/watch/alerts?unitId=${unitId}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ ruleId: string; ruleAuthor: string; level: string; count: number }>;
}

async function storedRules() {
  const [row] = await t.db.select({ n: count() }).from(sigmaRules);
  return row!.n;
}

describe('detection in the server', () => {
  it('refuses a rule that does not compile, with the reason, and stores nothing (even beside a good one)', async () => {
    const res = await upload([
      { name: 'good.yml', content: RULE },
      { name: 'bad.yml', content: BAD_RULE },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('SIGMA_RULE_REJECTED');
    expect(res.json().message).toMatch(/bad\.yml.*nothing was imported|bad\.yml.*không luật nào/);
    expect(await storedRules()).toBe(0);
    expect((await upload([{ name: 'x.yml', content: 'a: [unclosed' }])).statusCode).toBe(400);
    expect(await storedRules()).toBe(0);
  });

  it('an event matching an imported rule becomes an alert that names the rule author', async () => {
    const res = await upload([{ name: 'attacker.yml', content: RULE }]);
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toMatchObject([
      { ruleId: RULE_ID, author: 'Trần Thị Kiểm Thử', level: 'high' },
    ]);
    const list = (await admin.request('GET', '/api/sigma-rules')).json().items;
    expect(list).toMatchObject([{ ruleId: RULE_ID, enabled: true, importedBy: 'admin' }]);

    await ingest(failedLogon('bob'));
    expect(await alerts()).toEqual([]);

    await ingest(failedLogon('attacker'));
    const [alert, ...rest] = await alerts();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      ruleId: RULE_ID,
      ruleAuthor: 'Trần Thị Kiểm Thử',
      level: 'high',
      count: 1,
    });
    expect((alert as unknown as { excerpt: string }).excerpt).toMatch(/attacker/);
    expect((alert as unknown as { events: unknown[] }).events).toHaveLength(1);
  });

  it('a disabled rule stops matching; enabling it again resumes (the active set is rebuilt)', async () => {
    const [row] = (await admin.request('GET', '/api/sigma-rules')).json().items;
    const off = await admin.request('PATCH', `/api/sigma-rules/${row.id}`, { enabled: false });
    expect(off.json().enabled).toBe(false);
    await ingest(failedLogon('attacker'));
    expect((await alerts())[0]!.count).toBe(1);
    await admin.request('PATCH', `/api/sigma-rules/${row.id}`, { enabled: true });
    await ingest(failedLogon('attacker'));
    expect((await alerts())[0]!.count).toBe(2); // grouped with the open alert (same rule, unit and host)
  });
});

const CORRELATION = `title: Failed logon of a sprayed account
id: 5d0e2b7a-1c3f-4e8a-b9d6-7f2a1c0e3b04
name: sprayed_logon
author: Base Author
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
    TargetUserName: spray
  condition: selection
level: low
---
title: Password spraying from one address
id: 8a3c6e1f-2b4d-4f7a-9c5e-0d1b2a3c4e05
author: Correlation Author
correlation:
  type: event_count
  rules:
    - sprayed_logon
  group-by:
    - IpAddress
  timespan: 10m
  condition:
    gte: 3
level: critical
`;

describe('correlation in the server', () => {
  it('keeps correlation state across batches: the third matching event raises the correlation alert', async () => {
    expect((await upload([{ name: 'spray.yml', content: CORRELATION }])).statusCode).toBe(200);
    const correlated = async () =>
      (await alerts()).filter((a) => a.ruleId === '8a3c6e1f-2b4d-4f7a-9c5e-0d1b2a3c4e05');
    await ingest(failedLogon('spray'));
    await ingest(failedLogon('spray'));
    expect(await correlated()).toEqual([]);
    await ingest(failedLogon('spray'));
    const [alert, ...rest] = await correlated();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ ruleAuthor: 'Correlation Author', level: 'critical' });
    expect((alert as unknown as { events: unknown[] }).events).toHaveLength(3);
    expect((alert as unknown as { groupKey: string }).groupKey).toBe('IpAddress=198.18.0.7');
  });
});
