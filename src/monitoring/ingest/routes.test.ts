import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../../test/factories';
import type { StoredEvent } from '../events/model';
import { insertEvents } from '../events/queries';
import { eventsPurgeJob } from '../events/retention';
import { onEventsStored } from '../events/subscribers';
import { logSources } from '../schema';

let t: TestApp;
let admin: Agent;
let officer: Agent;
let unitId: string;
let otherId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-1' })).id;
  otherId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-2' })).id;
  const user = await buildUser(t.sys, { unitId, role: 'unit_officer' });
  officer = await signIn(t.app, user.username, USER_PASSWORD);
});
afterAll(() => t.close());

const ndjson = (docs: unknown[]) => `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`;
const winlogbeat = (user: string, id = 4625) => ({
  '@timestamp': '2026-03-15T03:00:00.000Z',
  host: { name: 'PC-01' },
  message: 'An account failed to log on.',
  winlog: {
    channel: 'Security',
    event_id: id,
    provider_name: 'Microsoft-Windows-Security-Auditing',
    computer_name: 'PC-01.xa.local',
    record_id: 99,
    event_data: { TargetUserName: user, IpAddress: '198.51.100.7', LogonType: '3' },
  },
});

async function httpSource(agent: Agent, unit = unitId) {
  const res = await agent.request('POST', '/api/log-sources', {
    unitId: unit,
    name: 'Winlogbeat',
    kind: 'http',
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { source: { id: string }; token: string };
}

describe('log sources', () => {
  it('registers syslog sources by canonical CIDR and refuses clashes and bad networks', async () => {
    const ok = await officer.request('POST', '/api/log-sources', {
      unitId,
      name: 'FortiGate',
      kind: 'syslog',
      cidr: '10.5.6.7/24',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ source: { cidr: '10.5.6.0/24', tzOffsetMinutes: 420 }, token: null });
    const clash = await admin.request('POST', '/api/log-sources', {
      unitId: otherId,
      name: 'x',
      kind: 'syslog',
      cidr: '10.5.6.0/24',
    });
    expect(clash.json().code).toBe('LOG_SOURCE_CIDR_TAKEN');
    const bad = await admin.request(
      'POST',
      '/api/log-sources',
      { unitId, name: 'x', kind: 'syslog', cidr: '10.5.6.300/24' },
      { 'accept-language': 'vi' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('LOG_SOURCE_CIDR_INVALID');
    const missing = await admin.request('POST', '/api/log-sources', { unitId, name: 'x', kind: 'syslog' });
    expect(missing.json().code).toBe('LOG_SOURCE_CIDR_REQUIRED');
  });

  it('keeps a unit officer to their own unit, and never returns the token hash', async () => {
    const foreign = await officer.request('POST', '/api/log-sources', {
      unitId: otherId,
      name: 'x',
      kind: 'http',
    });
    expect(foreign.json().code).toBe('SCOPE_FORBIDDEN');
    const { source, token } = await httpSource(officer);
    expect(token).toMatch(/^cgi_/);
    const list = await officer.request('GET', '/api/log-sources');
    expect(list.json().items.every((s: { unitId: string }) => s.unitId === unitId)).toBe(true);
    expect(JSON.stringify(list.json())).not.toContain('tokenHash');
    const patched = await officer.request('PATCH', `/api/log-sources/${source.id}`, {
      enabled: false,
      name: 'Tắt',
    });
    expect(patched.json()).toMatchObject({ enabled: false, name: 'Tắt' });
    expect((await officer.request('DELETE', `/api/log-sources/${source.id}`)).statusCode).toBe(204);
    expect((await officer.request('GET', `/api/log-sources/${source.id}`)).json().code).toBe(
      'LOG_SOURCE_NOT_FOUND',
    );
  });
});

describe('HTTP ingest of Windows events', () => {
  it('stores a Winlogbeat/NXLog/EVTX-JSON batch, answers after commit, and tells subscribers', async () => {
    const { token } = await httpSource(admin);
    const seen: StoredEvent[] = [];
    const off = onEventsStored((events) => {
      seen.push(...events);
    });
    const nxlog = {
      EventTime: '2026-03-15 10:00:00',
      Hostname: 'SRV-02',
      EventID: 4624,
      Channel: 'Security',
      SourceName: 'Microsoft-Windows-Security-Auditing',
      TargetUserName: 'bob',
    };
    const evtxJson = {
      Event: {
        System: {
          EventID: 4688,
          Channel: 'Security',
          Computer: 'PC-03',
          TimeCreated: { '#attributes': { SystemTime: '2026-03-15T03:00:01.000000Z' } },
        },
        EventData: { NewProcessName: 'C:\\Windows\\cmd.exe' },
      },
    };
    const body = `{"index":{}}\n${ndjson([winlogbeat('alice'), nxlog, evtxJson])}not json\n{"neither":1}\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/events',
      payload: body,
      headers: { 'content-type': 'application/x-ndjson', authorization: `ApiKey ${token}` },
    });
    off();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 5, raw: 2 });
    expect(seen).toHaveLength(5);
    const search = await admin.request(
      'GET',
      `/api/events?unitId=${unitId}&field=EventID%3D4625&field=TargetUserName%3Dalice`,
    );
    expect(search.json().total).toBe(1);
    expect(search.json().items[0]).toMatchObject({
      format: 'windows',
      host: 'PC-01.xa.local',
      app: 'Microsoft-Windows-Security-Auditing',
    });
    const nx = await admin.request('GET', `/api/events?unitId=${unitId}&host=SRV-02`);
    // NXLog's zone-less local time is read in the source's zone (UTC+7).
    expect(nx.json().items[0].time).toBe('2026-03-15T03:00:00.000Z');
    const raw = await admin.request('GET', `/api/events?unitId=${unitId}&format=raw`);
    expect(
      raw
        .json()
        .items.map((e: { parseError: string }) => e.parseError)
        .sort(),
    ).toEqual(['line is not JSON', 'not a Winlogbeat, NXLog or EVTX-JSON event']);
  });

  it('refuses a wrong or disabled token with 401 and stores nothing', async () => {
    const { source, token } = await httpSource(admin);
    const send = (tok: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/ingest/events',
        payload: ndjson([winlogbeat('x')]),
        headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': tok },
      });
    expect((await send('cgi_wrong')).statusCode).toBe(401);
    expect((await send('')).json().code).toBe('INGEST_TOKEN_INVALID');
    await admin.request('PATCH', `/api/log-sources/${source.id}`, { enabled: false });
    expect((await send(token)).statusCode).toBe(401);
    const res = await admin.request('GET', `/api/events?sourceId=${source.id}`);
    expect(res.json().total).toBe(0);
  });

  it('stores NUL bytes and lone surrogates (which PostgreSQL refuses) as U+FFFD', async () => {
    const { token } = await httpSource(admin);
    const doc =
      '{"winlog":{"channel":"Security","event_id":1,"event_data":{"A":"x\\u0000y","B":"\\ud800"}},"message":"m\\u0000","@timestamp":"2026-03-15T03:00:00Z"}';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/events',
      payload: `${doc}\n`,
      headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
    });
    expect(res.json()).toEqual({ accepted: 1, raw: 0 });
    const found = await admin.request('GET', '/api/events?field=A%3Dx%EF%BF%BDy');
    expect(found.json().items[0]).toMatchObject({ message: 'm\uFFFD', fields: { B: '\uFFFD' } });
  });

  it('accepts application/json (one object or an array) and refuses oversized batches', async () => {
    const { token } = await httpSource(admin);
    const headers = { 'x-canhgac-token': token };
    const one = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/events',
      payload: winlogbeat('j1'),
      headers,
    });
    expect(one.json()).toEqual({ accepted: 1, raw: 0 });
    const many = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/events',
      payload: [winlogbeat('j2'), winlogbeat('j3')],
      headers,
    });
    expect(many.json()).toEqual({ accepted: 2, raw: 0 });
    const huge = '{}\n'.repeat(10_001);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/events',
      payload: huge,
      headers: { ...headers, 'content-type': 'application/x-ndjson' },
    });
    expect(big.statusCode).toBe(413);
  });
});

describe('events search and retention', () => {
  it('keeps searches inside the caller scope', async () => {
    const [source] = await t.db
      .insert(logSources)
      .values({ unitId: otherId, name: 'o', kind: 'syslog', cidr: '10.9.9.9/32' })
      .returning();
    const now = new Date();
    await insertEvents(t.db, [
      {
        time: now,
        receivedAt: now,
        unitId: otherId,
        sourceId: source!.id,
        senderIp: '10.9.9.9',
        host: 'h',
        app: 'a',
        facility: 1,
        severity: 5,
        format: 'rfc3164',
        message: 'secret of XA-2',
        fields: {},
        raw: new Uint8Array([0xd0, 0xe3]),
        parseError: null,
      },
    ]);
    const mine = await officer.request('GET', '/api/events?q=secret');
    expect(mine.json().total).toBe(0);
    expect((await officer.request('GET', `/api/events?unitId=${otherId}`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
    const all = await admin.request('GET', '/api/events?q=secret');
    expect(all.json().items[0].rawBase64).toBe(Buffer.from([0xd0, 0xe3]).toString('base64'));
    expect((await admin.request('GET', '/api/events?field=bad')).statusCode).toBe(400);
  });

  it('the purge job removes only events received before the retention', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    const base = {
      unitId,
      sourceId: null,
      senderIp: null,
      host: null,
      app: 'purge-test',
      facility: null,
      severity: null,
      format: 'raw' as const,
      fields: {},
      raw: null,
      parseError: null,
    };
    // Two writes, two blocks: retention removes whole blocks (decision 007).
    await insertEvents(t.db, [{ ...base, time: old, receivedAt: old, message: 'old' }]);
    await insertEvents(t.db, [
      { ...base, time: old, receivedAt: new Date(), message: 'late clock, new arrival' },
    ]);
    const result = (await eventsPurgeJob.run({ retentionDays: 30 }, { ctx: t.sys } as never)) as {
      removed: number;
    };
    expect(result.removed).toBe(1);
    const left = await admin.request('GET', '/api/events?app=purge-test');
    expect(left.json().items.map((e: { message: string }) => e.message)).toEqual(['late clock, new arrival']);
  });

  it('stats list receivers and unknown senders (admin only)', async () => {
    const res = await admin.request('GET', '/api/ingest/stats');
    expect(res.statusCode).toBe(200);
    expect(res.json().receivers.some((r: { transport: string }) => r.transport === 'http')).toBe(true);
    expect((await officer.request('GET', '/api/ingest/stats')).json().code).toBe('FORBIDDEN');
  });
});
