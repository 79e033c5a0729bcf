import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { createLogger } from '../core/log';
import type { Unit } from '../units/contract';
import { registerJobKind } from './registry';
import { enqueueJob, ensureBuiltinSchedules } from './service';
import { type JobWorker, startJobWorker } from './worker';

registerJobKind({
  kind: 'test.unit-task',
  title: { vi: 'Thử: việc của đơn vị', en: 'Test: unit task' },
  payload: z.object({}).strict(),
  async run() {
    return { done: true };
  },
});

let t: TestApp;
let admin: Agent;
let worker: JobWorker;
let unitA: Unit;
let unitB: Unit;

async function signInAs(unitId: string, role: 'viewer' | 'unit_officer'): Promise<Agent> {
  const user = await buildUser(t.sys, { unitId, role });
  return signIn(t.app, user.username, USER_PASSWORD);
}

async function drain(): Promise<void> {
  while (await worker.runOnce()) {}
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  worker = startJobWorker({ db: t.db, log: createLogger('silent'), nodeId: 'routes-test', loop: false });
  unitA = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-A' });
  unitB = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-B' });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('jobs', () => {
  let auditJobId: string;

  it('POST /api/audit/verify queues a job (202); once run, GET shows the verdict', async () => {
    const res = await admin.request('POST', '/api/audit/verify');
    expect(res.statusCode).toBe(202);
    const job = res.json();
    expect(job).toMatchObject({
      kind: 'audit.verify',
      title: { vi: 'Kiểm tra tính toàn vẹn nhật ký kiểm toán', en: 'Verify the audit trail' },
      status: 'queued',
      progress: 0,
      unitId: t.root.id,
      createdBy: 'admin',
      result: null,
    });
    expect(job).not.toHaveProperty('payload');
    auditJobId = job.id;
    await drain();
    const got = await admin.request('GET', `/api/jobs/${job.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      status: 'succeeded',
      progress: 100,
      attempts: 1,
      result: { ok: true },
      error: null,
    });
    expect(got.json().result.rows).toBeGreaterThan(0);
    expect(Date.parse(got.json().finishedAt)).not.toBeNaN();
  });

  it('lets a viewer list jobs but not cancel one or read the schedules', async () => {
    const viewer = await signInAs(t.root.id, 'viewer');
    const job = await enqueueJob(t.sys, { kind: 'test.unit-task', unitId: unitA.id });
    const list = await viewer.request('GET', '/api/jobs');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((j: { id: string }) => j.id)).toEqual(
      expect.arrayContaining([job.id, auditJobId]),
    );
    const cancel = await viewer.request('POST', `/api/jobs/${job.id}/cancel`);
    expect(cancel.statusCode).toBe(403);
    expect(cancel.json().code).toBe('FORBIDDEN');
    expect((await viewer.request('GET', '/api/jobs/schedules')).statusCode).toBe(403);
    expect((await admin.request('GET', `/api/jobs/${job.id}`)).json().status).toBe('queued');
    await admin.request('POST', `/api/jobs/${job.id}/cancel`);
  });

  it("keeps a unit's jobs from a sibling unit's officer, and platform jobs from both", async () => {
    const officerA = await signInAs(unitA.id, 'unit_officer');
    const officerB = await signInAs(unitB.id, 'unit_officer');
    const job = await enqueueJob(t.sys, { kind: 'test.unit-task', unitId: unitA.id });

    const foreign = await officerB.request('GET', `/api/jobs/${job.id}`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('SCOPE_FORBIDDEN');
    expect((await officerB.request('POST', `/api/jobs/${job.id}/cancel`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
    expect((await officerB.request('GET', `/api/jobs?unitId=${unitA.id}`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
    expect((await officerB.request('GET', '/api/jobs')).json()).toMatchObject({ items: [], total: 0 });

    const own = (await officerA.request('GET', '/api/jobs?status=queued')).json();
    expect(own.items.map((j: { id: string }) => j.id)).toEqual([job.id]);
    expect((await officerA.request('GET', `/api/jobs/${auditJobId}`)).json().code).toBe('SCOPE_FORBIDDEN');
    expect((await officerA.request('POST', '/api/audit/verify')).json().code).toBe('FORBIDDEN');

    const cancelled = await officerA.request('POST', `/api/jobs/${job.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: job.id, status: 'cancelled' });
    const again = await officerA.request('POST', `/api/jobs/${job.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('JOB_NOT_CANCELLABLE');
  });

  it('filters and pages on the server, and refuses a bad filter', async () => {
    const bad = await admin.request('GET', '/api/jobs?status=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['querystring.status']);

    const succeeded = (await admin.request('GET', '/api/jobs?status=succeeded&kind=audit.verify')).json();
    expect(succeeded.items.map((j: { id: string }) => j.id)).toEqual([auditJobId]);
    const page = (await admin.request('GET', '/api/jobs?pageSize=1&page=2')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('answers 404 for an unknown job', async () => {
    const res = await admin.request('GET', '/api/jobs/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('JOB_NOT_FOUND');
  });

  it('lists the built-in schedules to an admin', async () => {
    await ensureBuiltinSchedules(t.db);
    const res = await admin.request('GET', '/api/jobs/schedules');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        name: 'audit.verify.daily',
        kind: 'audit.verify',
        cron: '0 2 * * *',
        enabled: true,
      }),
      expect.objectContaining({
        name: 'directives.remind.daily',
        kind: 'directives.remind',
        cron: '0 7 * * *',
      }),
      // Monitoring: log ingest
      expect.objectContaining({ name: 'events.purge.hourly', kind: 'events.purge', cron: '17 * * * *' }),
      expect.objectContaining({
        name: 'incidents.reminders.15min',
        kind: 'incidents.reminders',
        cron: '*/15 * * * *',
      }),
      expect.objectContaining({
        name: 'sessions.cleanup.hourly',
        kind: 'sessions.cleanup',
        cron: '0 * * * *',
      }),
      // vulns: the dashboard's daily trend point
      expect.objectContaining({
        name: 'vulns.trend.daily',
        kind: 'vulns.trend.snapshot',
        cron: '50 23 * * *',
      }),
    ]);
    expect(res.json().items[0].title.en).toBe('Verify the audit trail');
  });
});
