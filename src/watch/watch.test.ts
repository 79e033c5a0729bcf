import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { createLogger } from '../core/log';
import { jobs } from '../jobs/schema';
import { type JobWorker, startJobWorker } from '../jobs/worker';
import { closeSenders } from '../notify/channels-service';
import { startHttpPeer, startSmtpPeer } from '../notify/test-peers';
import type { Unit } from '../units/contract';
import { raiseAlert } from './alerts/service';
import { watchAckTokens } from './schema';

let t: TestApp;
let admin: Agent;
let worker: JobWorker;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let hook: Awaited<ReturnType<typeof startHttpPeer>>;
let unit: Unit;
let other: Unit;
const people: Record<string, { id: string; username: string }> = {};
let rosterId: string;

const rule = {
  ruleId: 'r-4625',
  ruleTitle: 'Đăng nhập sai nhiều lần',
  ruleAuthor: 'Nguyễn Văn A (DRL 1.1)',
  level: 'high' as const,
};

/** Runs the jobs due now; `later` also makes the waiting ones due (as if the escalation wait passed). */
async function runJobs(later = false): Promise<void> {
  if (later) await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'));
  for (let i = 0; i < 50; i++) if (!(await worker.runOnce())) return;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-A' });
  other = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-B' });
  for (const name of ['an', 'binh', 'sep']) {
    const user = await buildUser(t.sys, { unitId: unit.id, role: 'on_duty', username: `${name}-duty` });
    await admin.request('PATCH', `/api/users/${user.id}`, { email: `${name}@xa-a.example.vn` });
    people[name] = user;
  }
  smtp = await startSmtpPeer();
  hook = await startHttpPeer(() => ({ status: 200 }));
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
  const email = await admin.request('POST', '/api/notify/channels', {
    unitId: t.root.id,
    kind: 'email',
    name: 'SMTP',
    settings: { host: '127.0.0.1', port: smtp.port, from: 'canhgac@soc.example.vn' },
  });
  const webhook = await admin.request('POST', '/api/notify/channels', {
    unitId: unit.id,
    kind: 'webhook',
    name: 'SOAR',
    settings: { url: `${hook.url}/alerts` },
  });
  const policy = await admin.request('POST', '/api/watch/policies', {
    unitId: unit.id,
    name: 'Mặc định',
    steps: [
      { target: 'on_duty', channelIds: [email.json().id], waitMinutes: 10 },
      { target: 'next_on_duty', channelIds: [email.json().id], waitMinutes: 10 },
      { target: 'supervisor', channelIds: [webhook.json().id, email.json().id], waitMinutes: 10 },
    ],
  });
  expect(policy.statusCode, policy.body).toBe(201);
  // Started yesterday so that "now" is always inside the rotation; daily, an then binh.
  const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const roster = await admin.request('POST', '/api/watch/rosters', {
    unitId: unit.id,
    name: 'Trực 24/7',
    rotation: 'daily',
    handoffTime: '00:00',
    startDate: yesterday,
    members: [people.binh!.id, people.an!.id],
    supervisorId: people.sep!.id,
    policyId: policy.json().id,
  });
  expect(roster.statusCode, roster.body).toBe(201);
  rosterId = roster.json().roster.id;
});
afterAll(async () => {
  await worker.stop();
  closeSenders();
  await smtp.close();
  await hook.close();
  await t.close();
});

describe('alerts', () => {
  it('groups repeats of one rule, unit and key; another key or a closed alert starts a new one', async () => {
    const first = await raiseAlert(t.sys, {
      ...rule,
      unitId: other.id,
      groupKey: '10.0.0.5',
      events: [{ id: 'e1' }],
    });
    const again = await raiseAlert(t.sys, {
      ...rule,
      unitId: other.id,
      groupKey: '10.0.0.5',
      events: [{ id: 'e2' }],
    });
    expect(again.repeated).toBe(true);
    expect(again.alert.id).toBe(first.alert.id);
    expect(again.alert.count).toBe(2);
    expect(again.alert.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    const otherKey = await raiseAlert(t.sys, { ...rule, unitId: other.id, groupKey: '10.0.0.6' });
    expect(otherKey.alert.id).not.toBe(first.alert.id);
    // Outside the window: an hour and a minute after the last one.
    const late = await raiseAlert(t.sys, {
      ...rule,
      unitId: other.id,
      groupKey: '10.0.0.5',
      at: new Date(again.alert.lastSeenAt.getTime() + 61 * 60_000),
    });
    expect(late.repeated).toBe(false);
    const close = await admin.request('POST', `/api/watch/alerts/${late.alert.id}/status`, {
      status: 'closed',
      reason: 'false_positive',
    });
    expect(close.json().status).toBe('closed');
    const after = await raiseAlert(t.sys, {
      ...rule,
      unitId: other.id,
      groupKey: '10.0.0.5',
      at: new Date(late.alert.lastSeenAt.getTime() + 1000),
    });
    expect(after.alert.id).not.toBe(late.alert.id);
  });

  it('moves new → acknowledged → in progress → closed, refuses other moves and a close without reason', async () => {
    const { alert } = await raiseAlert(t.sys, { ...rule, unitId: other.id, groupKey: 'flow' });
    const url = `/api/watch/alerts/${alert.id}/status`;
    expect((await admin.request('POST', url, { status: 'closed' })).json().code).toBe(
      'ALERT_CLOSE_REASON_REQUIRED',
    );
    expect((await admin.request('POST', url, { status: 'acknowledged' })).json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'admin',
    });
    expect((await admin.request('POST', url, { status: 'acknowledged' })).json().code).toBe(
      'ALERT_TRANSITION_INVALID',
    );
    expect((await admin.request('POST', url, { status: 'in_progress' })).statusCode).toBe(200);
    await admin.request('POST', `/api/watch/alerts/${alert.id}/comments`, {
      body: 'Đã chặn IP tại tường lửa',
    });
    // The assignee must see the alert: an (unit XA-A) cannot take XA-B's alert; the root's admin can.
    const refused = await admin.request('POST', `/api/watch/alerts/${alert.id}/assign`, {
      assigneeId: people.an!.id,
    });
    expect(refused.json().code).toBe('WATCH_USER_INVALID');
    const me = (await admin.request('GET', '/api/auth/me')).json();
    const assign = await admin.request('POST', `/api/watch/alerts/${alert.id}/assign`, {
      assigneeId: me.user?.id ?? me.id,
    });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json().assigneeName).toBeTruthy();
    expect(
      (await admin.request('POST', url, { status: 'closed', reason: 'resolved', note: 'xong' })).json()
        .closeReason,
    ).toBe('resolved');
    const detail = (await admin.request('GET', `/api/watch/alerts/${alert.id}`)).json();
    expect(detail.alert.ruleAuthor).toBe(rule.ruleAuthor);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'raised',
      'acknowledged',
      'status',
      'comment',
      'assigned',
      'status',
    ]);
  });

  it('lists with filters and unit scope', async () => {
    const officer = await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer' });
    const agent = await signIn(t.app, officer.username, USER_PASSWORD);
    const mine = await agent.request('GET', '/api/watch/alerts?pageSize=100');
    expect(mine.json().items.every((a: { unitId: string }) => a.unitId === unit.id)).toBe(true);
    expect((await agent.request('GET', `/api/watch/alerts?unitId=${other.id}`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
    const closed = await admin.request('GET', `/api/watch/alerts?status=closed&unitId=${other.id}`);
    expect(closed.json().total).toBe(2);
    const open = await admin.request(
      'GET',
      `/api/watch/alerts?status=new,acknowledged&level=high&unitId=${other.id}`,
    );
    expect(open.json().items.every((a: { status: string }) => a.status === 'new')).toBe(true);
  });
});

describe('escalation', () => {
  it('pages the person on duty, then the next one, and stops once acknowledged by the mailed link', async () => {
    const roster = (await admin.request('GET', `/api/watch/rosters/${rosterId}`)).json();
    const onDuty = roster.onDuty.userId as string;
    const next = roster.next.userId as string;
    expect(new Set([onDuty, next])).toEqual(new Set([people.an!.id, people.binh!.id]));
    const emailOf = (id: string) => Object.entries(people).find(([, p]) => p.id === id)![0];

    const mailsBefore = smtp.mails.length;
    const { alert } = await raiseAlert(t.sys, {
      ...rule,
      unitId: unit.id,
      groupKey: 'esc',
      excerpt: 'EventID 4625 ×50',
    });
    await runJobs();
    await smtp.waitFor(mailsBefore + 1);
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    const first = smtp.mails.at(-1)!;
    expect(first.to).toEqual([`${emailOf(onDuty)}@xa-a.example.vn`]);
    expect(first.raw.replace(/=\r?\n/g, '')).toContain('Nguy=E1=BB=85n V=C4=83n A');

    // Ten minutes pass unacknowledged: the next person is paged.
    await runJobs(true);
    await smtp.waitFor(mailsBefore + 2);
    const second = smtp.mails.at(-1)!;
    expect(second.to).toEqual([`${emailOf(next)}@xa-a.example.vn`]);

    const link = /\/api\/watch\/ack\/([A-Za-z0-9_-]+)/.exec(second.raw.replace(/=\r?\n/g, ''))![1]!;
    const page = await t.app.inject({ method: 'GET', url: `/api/watch/ack/${link}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post">');
    // Opening the page (or a mail scanner prefetching it) does not acknowledge.
    expect((await admin.request('GET', `/api/watch/alerts/${alert.id}`)).json().alert.status).toBe('new');
    const ack = await t.app.inject({ method: 'POST', url: `/api/watch/ack/${link}` });
    expect(ack.json()).toMatchObject({ alertId: alert.id, status: 'acknowledged' });
    expect((await t.app.inject({ method: 'POST', url: `/api/watch/ack/${link}` })).statusCode).toBe(410);

    // The supervisor step comes due but the alert is acknowledged: nothing more is sent.
    await runJobs(true);
    expect(smtp.mails.length).toBe(mailsBefore + 2);
    expect(hook.hits.length).toBe(0);
    const detail = (await admin.request('GET', `/api/watch/alerts/${alert.id}`)).json();
    expect(detail.alert.acknowledgedBy).toContain('(liên kết / link)');
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'raised',
      'notified',
      'escalated',
      'acknowledged',
    ]);
  });

  it('reaches the supervisor by webhook when nobody answers; repeats do not page again', async () => {
    const { alert } = await raiseAlert(t.sys, { ...rule, unitId: unit.id, groupKey: 'silent' });
    await raiseAlert(t.sys, { ...rule, unitId: unit.id, groupKey: 'silent' });
    await runJobs();
    await runJobs(true);
    await runJobs(true);
    expect(hook.hits.length).toBe(1);
    expect(JSON.parse(hook.hits[0]!.body).data).toMatchObject({
      alertId: alert.id,
      ruleAuthor: rule.ruleAuthor,
      step: 2,
    });
    const deliveries = (await admin.request('GET', `/api/notify/deliveries?refId=${alert.id}`)).json();
    expect(deliveries.total).toBe(4);
    expect(deliveries.items.every((d: { status: string }) => d.status === 'sent')).toBe(true);
  });

  it('refuses an expired or unknown link and stores only token hashes', async () => {
    const { alert } = await raiseAlert(t.sys, { ...rule, unitId: unit.id, groupKey: 'expired' });
    const mailsBefore = smtp.mails.length;
    await runJobs();
    await smtp.waitFor(mailsBefore + 1);
    const token = /\/api\/watch\/ack\/([A-Za-z0-9_-]+)/.exec(
      smtp.mails.at(-1)!.raw.replace(/=\r?\n/g, ''),
    )![1]!;
    const rows = await t.db.select().from(watchAckTokens).where(eq(watchAckTokens.alertId, alert.id));
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    await t.db
      .update(watchAckTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(and(eq(watchAckTokens.alertId, alert.id)));
    expect((await t.app.inject({ method: 'POST', url: `/api/watch/ack/${token}` })).json().code).toBe(
      'ACK_LINK_INVALID',
    );
    expect((await t.app.inject({ method: 'GET', url: `/api/watch/ack/${'x'.repeat(32)}` })).statusCode).toBe(
      410,
    );
  });
});

describe('on duty', () => {
  it('an override puts someone else on duty now; handover notes are filed against the shift', async () => {
    const now = Date.now();
    const res = await admin.request('POST', `/api/watch/rosters/${rosterId}/overrides`, {
      userId: people.sep!.id,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      reason: 'Nghỉ lễ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const roster = (await admin.request('GET', `/api/watch/rosters/${rosterId}`)).json();
    expect(roster.onDuty).toMatchObject({ userId: people.sep!.id });
    expect(roster.source).toBe('override');
    await admin.request('DELETE', `/api/watch/rosters/${rosterId}/overrides/${res.json().id}`);
    const sep = await signIn(t.app, people.sep!.username, USER_PASSWORD);
    const note = await sep.request('POST', `/api/watch/rosters/${rosterId}/handovers`, {
      notes: 'Ca đêm yên tĩnh; theo dõi IP 10.0.0.5',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().shiftStart).toBe(roster.shiftStart);
    const log = (await sep.request('GET', `/api/watch/rosters/${rosterId}/handovers`)).json();
    expect(log.items[0]).toMatchObject({
      authorName: people.sep!.username,
      notes: 'Ca đêm yên tĩnh; theo dõi IP 10.0.0.5',
    });
  });

  it('refuses a member from another unit', async () => {
    const stranger = await buildUser(t.sys, { unitId: other.id, role: 'on_duty' });
    const res = await admin.request('PATCH', `/api/watch/rosters/${rosterId}`, { members: [stranger.id] });
    expect(res.json().code).toBe('WATCH_USER_INVALID');
    // A PATCH of the name alone keeps everything else (no defaults sneak in).
    const renamed = await admin.request('PATCH', `/api/watch/rosters/${rosterId}`, { name: 'Trực Tết' });
    expect(renamed.json().roster).toMatchObject({ name: 'Trực Tết', handoffTime: '00:00', enabled: true });
    expect(renamed.json().roster.members).toHaveLength(2);
  });
});

describe('live stream', () => {
  it('pushes raised alerts over SSE to a listening server, filtered by the reader’s scope', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const officer = await buildUser(t.sys, { unitId: unit.id, role: 'viewer' });
    const viewer = await signIn(t.app, officer.username, USER_PASSWORD);
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/watch/alerts/stream?limit=1',
          headers: { cookie: viewer.cookie, accept: 'text/event-stream' },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            received.push(chunk);
            if (chunk.includes('event: ready')) {
              // Out of scope first (must not arrive), then in scope.
              void raiseAlert(t.sys, { ...rule, unitId: other.id, groupKey: 'sse-foreign' }).then(() =>
                raiseAlert(t.sys, { ...rule, unitId: unit.id, groupKey: 'sse' }),
              );
            }
          });
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end();
    });
    await done;
    const text = received.join('');
    const events = text.split('\n\n').filter((e) => e.includes('event: alert'));
    expect(events.length).toBe(1);
    const data = JSON.parse(
      events[0]!
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(data).toMatchObject({
      type: 'raised',
      alert: { unitId: unit.id, groupKey: 'sse', ruleAuthor: rule.ruleAuthor },
    });
    const anonymous = await fetch(`http://127.0.0.1:${port}/api/watch/alerts/stream?limit=0`);
    expect(anonymous.status).toBe(401);
  });
});
