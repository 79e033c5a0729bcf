import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUser, USER_PASSWORD } from '../../../test/factories';
import { createLogger } from '../../core/log';
import { jobs } from '../../jobs/schema';
import { type JobWorker, startJobWorker } from '../../jobs/worker';
import { createChannel } from '../../notify/channels-service';
import { raiseAlert } from '../alerts/service';
import { openSse, type SseMessage } from '../alerts/sse-client';
import { WATCH_ESCALATE } from '../job-names';
import { createPolicy, createRoster } from './service';

/**
 * An escalation step is an alert change like any other: a console on the live stream (a real HTTP
 * client on loopback) hears each step as it runs, and one that reconnects with Last-Event-ID is
 * replayed each step with the step it was at then. The step's channel is disabled, so nothing is sent.
 */
let t: TestApp;
let port = 0;
let worker: JobWorker;
let viewer: Agent;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
  const onDuty = await buildUser(t.sys, { unitId: t.root.id, role: 'on_duty' });
  viewer = await signIn(
    t.app,
    (await buildUser(t.sys, { unitId: t.root.id, role: 'viewer' })).username,
    USER_PASSWORD,
  );
  const quiet = await createChannel(t.sys, {
    unitId: t.root.id,
    kind: 'webhook',
    name: 'tắt / off',
    enabled: false,
    settings: { url: 'http://127.0.0.1:9/never' },
  });
  const policy = await createPolicy(t.sys, {
    unitId: t.root.id,
    name: 'two steps',
    steps: [
      { target: 'user', userId: onDuty.id, channelIds: [quiet.id], waitMinutes: 5 },
      { target: 'user', userId: onDuty.id, channelIds: [quiet.id], waitMinutes: 5 },
    ],
  });
  await createRoster(t.sys, {
    unitId: t.root.id,
    name: '24/7',
    rotation: 'daily',
    handoffTime: '00:00',
    startDate: '2026-01-01',
    members: [onDuty.id],
    policyId: policy.id,
    enabled: true,
  });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

const stream = (query: string, lastEventId?: string) =>
  openSse(port, `/api/watch/alerts/stream${query}`, {
    cookie: viewer.cookie,
    ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
  });
const body = (m: SseMessage) =>
  JSON.parse(m.data) as { type: string; alert: { id: string; escalationStep: number; status: string } };

describe('escalation steps on the alert stream', () => {
  it('each step is heard live and replayed with the step it was at then', async () => {
    const live = stream('?limit=3');
    await live.next('ready');
    const { alert } = await raiseAlert(t.sys, {
      unitId: t.root.id,
      ruleId: 'r-esc-live',
      ruleTitle: 'Leo thang',
      ruleAuthor: 'Tác giả',
      level: 'critical',
    });
    const [raised] = await live.next('alert');
    expect(body(raised!)).toMatchObject({ type: 'raised', alert: { id: alert.id, escalationStep: -1 } });

    expect(await worker.runOnce()).toBe(true); // step 0
    const [, first] = await live.next('alert', 2);
    expect(body(first!)).toMatchObject({ type: 'updated', alert: { id: alert.id, escalationStep: 0 } });
    expect(Number(first!.id)).toBeGreaterThan(Number(raised!.id));

    // Step 1 comes due and runs.
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.kind, WATCH_ESCALATE));
    expect(await worker.runOnce()).toBe(true);
    await live.ended;
    const steps = live.messages.filter((m) => m.event === 'alert').map((m) => body(m).alert.escalationStep);
    expect(steps).toEqual([-1, 0, 1]);

    // A console that dropped after the raise is replayed both steps, each as it was then.
    const again = stream('?limit=2', raised!.id);
    await again.ended;
    const replayed = again.messages.filter((m) => m.event === 'alert');
    expect(replayed.map((m) => [body(m).type, body(m).alert.id, body(m).alert.escalationStep])).toEqual([
      ['updated', alert.id, 0],
      ['updated', alert.id, 1],
    ]);
  });
});
