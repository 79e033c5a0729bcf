import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../../test/factories';
import type { SimDevice } from '../../../test/peers/camlab/device';
import { startDevice } from '../../../test/peers/camlab/device';
import { fleetPorts, withoutForeignListeners } from '../../../test/peers/camlab/fleet';
import { PROFILES, type Profile } from '../../../test/peers/camlab/profiles';
import { createLogger } from '../../core/log';
import { auditLog } from '../../core/schema';
import { registerJobKind } from '../../jobs/registry';
import { cancelJob, getJob } from '../../jobs/service';
import { startJobWorker } from '../../jobs/worker';
import type { Unit } from '../../units/contract';
import type { PortPlan } from '../audit/types';
import { getChecklist } from '../checklist-service';
import type { AuditRunDetail } from './contract';
import { cameraAuditJob } from './jobs';
import { startCameraAudit } from './service';

/**
 * The audit through the real stack: a registered scope, the route, the durable job on a worker, the
 * loopback simulator fleet on 127.0.1.65–67 (apart from the engine's own fleet test on 127.0.1.0/27).
 */
const LOOPBACK_KIND = 'cameras.audit.loopback';
const SCOPE = '127.0.1.64/29';
const uniview = PROFILES.uniview as Profile;
const fixedUniview: Profile = { ...uniview, accounts: [{ username: 'admin', password: 'Qz7!vR2#pL9m' }] };

let t: TestApp;
let unit: Unit;
let admin: Agent;
let officer: Agent;
let plan: PortPlan;
const devices = new Map<string, SimDevice>();

async function device(profile: Profile, address: string) {
  await devices.get(address)?.close();
  devices.set(address, await startDevice(profile, address, plan));
}

async function runQueued(jobId: string) {
  const worker = startJobWorker({ db: t.db, log: createLogger('silent'), loop: false, pollMs: 600_000 });
  try {
    while (await worker.runOnce()) {}
  } finally {
    await worker.stop();
  }
  return getJob(t.sys, jobId);
}

async function auditOnce(): Promise<AuditRunDetail> {
  const job = await startCameraAudit(
    { ...t.sys, actor: { type: 'user', id: null, name: 'cb' } },
    unit.id,
    {},
    LOOPBACK_KIND,
  );
  const done = await runQueued(job.id);
  expect(done.status, JSON.stringify(done)).toBe('succeeded');
  const run = done.result as { id: string };
  const res = await officer.request('GET', `/api/camera-audits/runs/${run.id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as AuditRunDetail;
}

beforeAll(async () => {
  plan = await withoutForeignListeners(fleetPorts(), '127.0.1.70');
  registerJobKind(cameraAuditJob(LOOPBACK_KIND, { ports: plan, limits: { udpWaitMs: 1000 } }));
  t = await createTestApp();
  unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-CAM' });
  await buildUser(t.sys, { unitId: t.root.id, role: 'admin', username: 'qt' });
  await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer', username: 'cb' });
  admin = await signIn(t.app, 'qt', USER_PASSWORD);
  officer = await signIn(t.app, 'cb', USER_PASSWORD);
  await device(uniview, '127.0.1.65');
  await device(PROFILES.yoosee as Profile, '127.0.1.66');
  await device(PROFILES.hardened as Profile, '127.0.1.67');
}, 180_000);

afterAll(async () => {
  await Promise.all([...devices.values()].map((d) => d.close()));
  await t?.close();
});

describe('cameras.audit job', () => {
  it('refuses to start without a registered scope, and an address outside it once registered', async () => {
    const none = await officer.request('POST', `/api/camera-audits/${unit.id}`, {});
    expect(none.json()).toMatchObject({ code: 'SCAN_SCOPE_MISSING' });
    const put = await admin.request('PUT', `/api/camera-scopes/${unit.id}`, {
      cidrs: [SCOPE],
      hosts: [],
      allowedRoles: ['admin', 'unit_officer'],
    });
    expect(put.statusCode).toBe(200);
    const outside = await officer.request('POST', `/api/camera-audits/${unit.id}`, {
      targets: { cidrs: ['127.0.1.0/27'] },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'NET_SCOPE_REFUSED' });
    expect(outside.json().message).toContain('127.0.1.1');
    const ok = await officer.request('POST', `/api/camera-audits/${unit.id}`, {
      targets: { cidrs: ['127.0.1.64/30'], hosts: ['127.0.1.67'] },
    });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toMatchObject({ kind: 'cameras.audit', status: 'queued' });
    // Not run here: the platform kind uses the real camera ports, the fleet may sit elsewhere.
    await cancelJob(t.sys, ok.json().id);
  });

  it('stores the run, files the cameras, keeps findings with criteria and fills the checklist', async () => {
    const run = await auditOnce();
    expect(run).toMatchObject({ requestedBy: 'cb', scope: { cidrs: [SCOPE] }, cancelled: false, devices: 3 });
    expect(run.sent.tcp ?? Object.values(run.sent).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(run.findingsOpen).toBe(0);
    expect(run.findingsFixed).toBe(0);
    const keys = (address: string) =>
      run.findings
        .filter((f) => f.address === address)
        .map((f) => f.findingKey)
        .sort();
    expect(keys('127.0.1.65')).toEqual([...uniview.truth].sort());
    expect(keys('127.0.1.67')).toEqual([]);
    for (const f of run.findings) {
      expect(f.state).toBe('new');
      expect(f.criteria.length).toBeGreaterThan(0);
      expect(f.catalogueKeys.length).toBeGreaterThan(0);
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.cameraId).not.toBeNull();
    }
    const cams = (await officer.request('GET', `/api/cameras?unitId=${unit.id}`)).json();
    expect(cams.items.map((c: { ip: string }) => c.ip).sort()).toEqual([
      '127.0.1.65',
      '127.0.1.66',
      '127.0.1.67',
    ]);
    const cam = run.findings.find((f) => f.findingKey === 'default-credentials')!;
    const checklist = await getChecklist(t.sys, 'camera', cam.cameraId!);
    const status = (key: string) => checklist.rows.find((r) => r.criterion.key === key)?.status;
    expect(status('qcvn135.auth.default-password')).toBe('fail');
    expect(status('qd724.password.forced-change')).toBe('fail');
    expect(status('qd724.bruteforce.lockout')).toBe('unknown');
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'camera_audit.run'), eq(auditLog.targetId, run.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({ requestedBy: 'cb', scope: { cidrs: [SCOPE] } });
  }, 120_000);

  it('marks a finding fixed after the device is fixed, keeps the rest open, and passes its criteria', async () => {
    await device(fixedUniview, '127.0.1.65');
    const run = await auditOnce();
    const fixed = run.findings.filter((f) => f.state === 'fixed');
    expect(fixed.map((f) => [f.address, f.findingKey])).toEqual([['127.0.1.65', 'default-credentials']]);
    expect(run.findingsFixed).toBe(1);
    expect(run.findingsNew).toBe(0);
    expect(run.findingsOpen).toBe(run.findings.length - 1);
    const checklist = await getChecklist(t.sys, 'camera', fixed[0]!.cameraId!);
    const status = (key: string) => checklist.rows.find((r) => r.criterion.key === key)?.status;
    expect(status('qcvn135.auth.default-password')).toBe('pass');
    expect(status('qcvn135.vuln.known-cve')).toBe('fail');
    const list = (await officer.request('GET', `/api/camera-audits?unitId=${unit.id}`)).json();
    expect(list.items[0].id).toBe(run.id);
    expect(list.items).toHaveLength(2);
  }, 120_000);
});
