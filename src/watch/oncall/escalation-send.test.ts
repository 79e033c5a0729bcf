import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createLogger } from '../../core/log';
import { jobs } from '../../jobs/schema';
import { type JobWorker, startJobWorker } from '../../jobs/worker';
import { closeSenders, createChannel } from '../../notify/channels-service';
import { INLINE_GRACE_MS } from '../../notify/delivery';
import { NOTIFY_DELIVER } from '../../notify/job-names';
import { notifyDeliveries } from '../../notify/schema';
import { startHttpPeer } from '../../notify/test-peers';
import { createUser } from '../../users/service';
import { raiseAlert } from '../alerts/service';
import { createPolicy, createRoster } from './service';

// The peer refuses the 2nd request once (503), so the second alert's first send fails and is retried.
let t: TestApp;
let worker: JobWorker;
let peer: Awaited<ReturnType<typeof startHttpPeer>>;

beforeAll(async () => {
  t = await createTestApp();
  peer = await startHttpPeer((_hit, index) => ({ status: index === 1 ? 503 : 200 }));
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false });
  const { user } = await createUser(t.sys, {
    unitId: t.root.id,
    username: 'truc-ban',
    displayName: 'Người trực',
    email: 'truc@soc.example.vn',
    role: 'on_duty',
    language: 'vi',
    password: 'Duty-password-for-tests-1',
  });
  const hook = await createChannel(t.sys, {
    unitId: t.root.id,
    kind: 'webhook',
    name: 'SOAR',
    enabled: true,
    settings: { url: `${peer.url}/alerts` },
  });
  const policy = await createPolicy(t.sys, {
    unitId: t.root.id,
    name: 'one step',
    steps: [{ target: 'on_duty', channelIds: [hook.id], waitMinutes: 30 }],
  });
  await createRoster(t.sys, {
    unitId: t.root.id,
    name: '24/7',
    rotation: 'daily',
    handoffTime: '00:00',
    startDate: '2026-01-01',
    members: [user.id],
    policyId: policy.id,
    enabled: true,
  });
});
afterAll(async () => {
  await worker.stop();
  closeSenders();
  await peer.close();
  await t.close();
});

async function raise(groupKey: string) {
  const { alert } = await raiseAlert(t.sys, {
    unitId: t.root.id,
    ruleId: 'r-1',
    ruleTitle: 'Quét cổng',
    ruleAuthor: 'Tác giả',
    level: 'high',
    groupKey,
  });
  return alert.id;
}

async function deliveryOf(alertId: string) {
  const [row] = await t.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.refId, alertId));
  return row!;
}

describe('the escalation step sends its messages itself', () => {
  it('one job (the step) reaches the peer; the delivery job waits as a safety net', async () => {
    const alertId = await raise('a');
    // Exactly one job is due: the step. It sends, so the peer has the page when runOnce returns.
    expect(await worker.runOnce()).toBe(true);
    expect(peer.hits).toHaveLength(1);
    expect(JSON.parse(peer.hits[0]!.body).data.alertId).toBe(alertId);
    const delivery = await deliveryOf(alertId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1 });
    const [net] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, NOTIFY_DELIVER), sql`${jobs.payload}->>'deliveryId' = ${delivery.id}`));
    expect(net!.status).toBe('queued');
    expect(net!.runAt.getTime() - net!.createdAt.getTime()).toBeGreaterThanOrEqual(INLINE_GRACE_MS - 1000);
    expect(await worker.runOnce()).toBe(false);
    // When it comes due it finds the message sent and sends nothing more.
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, net!.id));
    expect(await worker.runOnce()).toBe(true);
    expect(peer.hits).toHaveLength(1);
  });

  it('a first send that fails is retried by the delivery job', async () => {
    const alertId = await raise('b');
    expect(await worker.runOnce()).toBe(true);
    expect(peer.hits).toHaveLength(2);
    expect(await deliveryOf(alertId)).toMatchObject({ status: 'queued', attempts: 1 });
    await t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'));
    expect(await worker.runOnce()).toBe(true);
    expect(peer.hits).toHaveLength(3);
    expect(await deliveryOf(alertId)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
