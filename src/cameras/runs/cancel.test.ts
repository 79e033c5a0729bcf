import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUnit } from '../../../test/factories';
import { type SimDevice, startDevice } from '../../../test/peers/camlab/device';
import { fleetPorts, withoutForeignListeners } from '../../../test/peers/camlab/fleet';
import { PROFILES, type Profile } from '../../../test/peers/camlab/profiles';
import { type SlowDevice, startSlowDevice } from '../../../test/peers/camlab/slow';
import { createLogger } from '../../core/log';
import { registerJobKind } from '../../jobs/registry';
import { cancelJob, getJob } from '../../jobs/service';
import { startJobWorker } from '../../jobs/worker';
import { putScanScope } from '../scopes-service';
import { cameraAuditJob } from './jobs';
import { getAuditRun, startCameraAudit } from './service';

/**
 * Cancelling a running audit job: a uniview with a default password on 127.0.1.97, then six slow devices
 * (every exchange drips until the timeout), one host at a time. The cancel comes once the uniview is done.
 */
const KIND = 'cameras.audit.cancel-test';
const SLOW = ['127.0.1.98', '127.0.1.99', '127.0.1.100', '127.0.1.101', '127.0.1.102', '127.0.1.103'];
let t: TestApp;
let unitId: string;
let uniview: SimDevice;
const slow: SlowDevice[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const contacted = () => uniview.connections() + slow.reduce((n, d) => n + d.connections(), 0);

beforeAll(async () => {
  const plan = await withoutForeignListeners(fleetPorts(), '127.0.1.110');
  registerJobKind(
    cameraAuditJob(KIND, {
      ports: plan,
      limits: { udpWaitMs: 300, exchangeTimeoutMs: 1200, connectTimeoutMs: 800 },
      hostConcurrency: 1,
    }),
  );
  t = await createTestApp();
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-HUY' })).id;
  await putScanScope(t.sys, unitId, {
    cidrs: [],
    hosts: ['127.0.1.97', ...SLOW],
    allowedRoles: ['admin'],
    allowedUserIds: [],
    note: null,
  });
  uniview = await startDevice(PROFILES.uniview as Profile, '127.0.1.97', plan);
  for (const a of SLOW) slow.push(await startSlowDevice(a, plan));
}, 180_000);

afterAll(async () => {
  await Promise.all([uniview?.close(), ...slow.map((d) => d.close())]);
  await t?.close();
});

describe('cancelling a camera audit job', () => {
  it('ends the job cancelled, stops opening sockets and keeps the partial run', async () => {
    const job = await startCameraAudit(t.sys, unitId, {}, KIND);
    const worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false, pollMs: 100 });
    const running = worker.runOnce();
    try {
      // Wait until the uniview (first host) is done and its findings are counted: "hosts · devices · findings".
      for (;;) {
        const now = await getJob(t.sys, job.id);
        const [done = 0, , , findings = 0] = (now.message ?? '').split(/[/ ·]+/).map(Number);
        if (done >= 1 && findings > 0) break;
        expect(now.status).not.toMatch(/succeeded|failed/);
        await sleep(100);
      }
      await cancelJob(t.sys, job.id);
      await running;
    } finally {
      await worker.stop();
    }
    const ended = await getJob(t.sys, job.id);
    expect(ended.status).toBe('cancelled');

    const run = await getAuditRun(t.sys, job.runId);
    expect(run.cancelled).toBe(true);
    expect(run.hostsTotal).toBe(7);
    expect(run.hostsDone).toBeLessThan(7);
    expect(run.findings.filter((f) => f.address === '127.0.1.97').map((f) => f.findingKey)).toContain(
      'default-credentials',
    );
    // A cancelled run proves nothing about what it did not reach: nothing is "fixed".
    expect(run.findingsFixed).toBe(0);

    // Connections the kernel accepted before the stop may reach the simulator's (same-process) loop a
    // moment later; after that settle, nothing new may arrive.
    await sleep(500);
    const after = contacted();
    await sleep(1500);
    expect(contacted()).toBe(after);
    // Hosts one at a time: the last slow devices were never reached.
    expect(slow.at(-1)!.connections()).toBe(0);
  }, 120_000);
});
