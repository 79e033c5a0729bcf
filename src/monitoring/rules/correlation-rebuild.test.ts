import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit } from '../../../test/factories';
import { multipartBody } from '../../../test/multipart';
import { failedLogon, ruleYaml } from './test-rules';

/**
 * A rule change rebuilds the active rule set; the windows of correlations whose definition and base
 * rules did not change must survive it (an attacker half-way through a brute force must not get a
 * fresh count because someone enabled an unrelated rule), and a changed definition must start again.
 */
const BRUTE_ID = '6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a10';
const brute = (threshold: number) => `title: Failed logon (brute-force base)
id: 6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a11
name: brute_failed
author: Base Author
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
    TargetUserName: victim
  condition: selection
level: low
---
title: Brute force on one account
id: ${BRUTE_ID}
author: Correlation Author
correlation:
  type: event_count
  rules:
    - brute_failed
  group-by:
    - TargetUserName
  timespan: 30m
  condition:
    gte: ${threshold}
level: critical
`;
const UNRELATED_ID = '6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a12';

let t: TestApp;
let admin: Agent;
let unitId: string;
let token: string;
let minute = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-REBUILD' })).id;
  token = (
    await admin.request('POST', '/api/log-sources', { unitId, name: 'Winlogbeat', kind: 'http' })
  ).json().token;
});
afterAll(() => t.close());

const upload = (files: { name: string; content: string }[]) => {
  const { payload, headers } = multipartBody('files', files);
  return admin.request('POST', '/api/sigma-rules/import', payload, headers);
};

/** `n` failed logons of the victim, one minute apart in event time (all inside the 30-minute window). */
async function attempts(n: number) {
  for (let i = 0; i < n; i++) {
    const time = new Date(Date.UTC(2026, 2, 15, 3, minute++)).toISOString();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/events',
      payload: failedLogon('victim', { time }),
      headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
    });
    expect(res.statusCode).toBeLessThan(300);
  }
}

async function bruteAlerts() {
  const res = await admin.request('GET', `/api/watch/alerts?unitId=${unitId}&ruleId=${BRUTE_ID}`);
  return res.json().items as Array<{ count: number; events: unknown[] }>;
}

async function rowOf(ruleId: string) {
  const items = (await admin.request('GET', '/api/sigma-rules')).json().items as Array<{
    id: string;
    ruleId: string;
  }>;
  return items.find((r) => r.ruleId === ruleId)!.id;
}

describe('correlation windows across a rule-set rebuild', () => {
  it('an unrelated rule enabled half-way through a brute force: the next attempts still complete it', async () => {
    const imported = await upload([
      { name: 'brute.yml', content: brute(5) },
      { name: 'unrelated.yml', content: ruleYaml({ id: UNRELATED_ID, user: 'somebody-else' }) },
    ]);
    expect(imported.statusCode).toBe(200);
    const unrelated = await rowOf(UNRELATED_ID);
    expect(
      (await admin.request('PATCH', `/api/sigma-rules/${unrelated}`, { enabled: false })).statusCode,
    ).toBe(200);
    await attempts(3);
    expect(await bruteAlerts()).toEqual([]);
    // A rebuild of the whole set (the unrelated rule joins it) between attempt 3 and attempt 4.
    expect(
      (await admin.request('PATCH', `/api/sigma-rules/${unrelated}`, { enabled: true })).statusCode,
    ).toBe(200);
    await attempts(2);
    const [alert, ...rest] = await bruteAlerts();
    expect(rest).toEqual([]);
    expect(alert?.events).toHaveLength(5);
  });

  it('a changed threshold is a new definition: its window starts again', async () => {
    await attempts(3); // 3 in the window of "gte 5" (the first burst was consumed when it fired)
    const row = await rowOf('6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a11');
    const edited = await admin.request('PUT', `/api/sigma-rules/${row}`, { yaml: brute(4) });
    expect(edited.statusCode).toBe(200);
    await attempts(2); // 3 + 2 would reach 4 had the window been kept; alone, 2 do not
    expect(await bruteAlerts()).toHaveLength(1);
    await attempts(2); // 4 since the change
    const all = await bruteAlerts();
    // Grouping may fold the second burst into the open alert (same rule, unit, key): count it either way.
    expect(all.reduce((n, a) => n + a.count, 0)).toBe(2);
  });
});
