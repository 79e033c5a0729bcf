import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../../test/factories';
import { type SimDevice, startDevice } from '../../../test/peers/camlab/device';
import { fleetPorts, withoutForeignListeners } from '../../../test/peers/camlab/fleet';
import { PROFILES, type Profile } from '../../../test/peers/camlab/profiles';
import { createLogger } from '../../core/log';
import { auditLog } from '../../core/schema';
import { registerJobKind } from '../../jobs/registry';
import { jobs } from '../../jobs/schema';
import { getJob } from '../../jobs/service';
import { startJobWorker } from '../../jobs/worker';
import { createCamera } from '../cameras-service';
import type { AuditRunDetail } from '../runs/contract';
import { cameraAuditJob } from '../runs/jobs';
import { putScanScope } from '../scopes-service';
import { cameraCredentials } from './schema';

/**
 * Unit-supplied credentials: sealed at rest, masked in every answer, never in the audit trail, the job
 * payload or the worker's log; the audit uses them for ONVIF GetDeviceInformation with WS-UsernameToken
 * (hikvision-new hides it without credentials) and records that it did, and how it went.
 */
const KIND = 'cameras.audit.credentials-test';
const HIK = '127.0.1.81';
const HARD = '127.0.1.82';
const hik = PROFILES['hikvision-new'] as Profile;
const RIGHT = hik.accounts[0]!.password;
const WRONG = 'Sai-mat-khau-9!';
let t: TestApp;
let unitId: string;
let officer: Agent;
const devices: SimDevice[] = [];
let logged = '';

async function audit(): Promise<AuditRunDetail> {
  const started = await officer.request('POST', `/api/camera-audits/${unitId}`, {});
  expect(started.statusCode, started.body).toBe(202);
  const { id, runId } = started.json() as { id: string; runId: string };
  // The platform kind uses the real camera ports; the test's copy has the fleet's plan.
  await t.db.update(jobs).set({ kind: KIND }).where(eq(jobs.id, id));
  const sink = new Writable({
    write(chunk, _e, cb) {
      logged += String(chunk);
      cb();
    },
  });
  const worker = startJobWorker({ db: t.db, log: createLogger('trace', sink), loop: false, pollMs: 600_000 });
  try {
    while (await worker.runOnce()) {}
  } finally {
    await worker.stop();
  }
  expect((await getJob(t.sys, id)).status).toBe('succeeded');
  return (await officer.request('GET', `/api/camera-audits/runs/${runId}`)).json() as AuditRunDetail;
}

beforeAll(async () => {
  const plan = await withoutForeignListeners(fleetPorts(), '127.0.1.90');
  registerJobKind(cameraAuditJob(KIND, { ports: plan, limits: { udpWaitMs: 800 } }));
  t = await createTestApp();
  unitId = (await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-MK' })).id;
  await buildUser(t.sys, { unitId, role: 'unit_officer', username: 'cbmk' });
  officer = await signIn(t.app, 'cbmk', USER_PASSWORD);
  await putScanScope(t.sys, unitId, {
    cidrs: [],
    hosts: [HIK, HARD],
    allowedRoles: ['unit_officer'],
    allowedUserIds: [],
    note: null,
  });
  devices.push(await startDevice(hik, HIK, plan));
  devices.push(await startDevice(PROFILES.hardened as Profile, HARD, plan));
}, 180_000);

afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await t?.close();
});

describe('unit-supplied camera credentials', () => {
  it('stores the password sealed and answers only a mask', async () => {
    const put = await officer.request('PUT', '/api/camera-credentials', {
      unitId,
      username: 'admin',
      password: RIGHT,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ username: 'admin', password: '••••••••', cameraId: null });
    expect(put.body).not.toContain(RIGHT);
    const list = await officer.request('GET', `/api/camera-credentials?unitId=${unitId}`);
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(RIGHT);
    const [row] = await t.db.select().from(cameraCredentials);
    expect(row!.sealedPassword).toMatch(/^v1:/);
    expect(row!.sealedPassword).not.toContain(RIGHT);
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(trail.map((a) => a.action)).toEqual(['camera_credential.create']);
    expect(JSON.stringify(trail)).not.toContain(RIGHT);
  });

  it('refuses a bad body and a camera of another unit, saving nothing', async () => {
    const empty = await officer.request('PUT', '/api/camera-credentials', {
      unitId,
      username: 'a',
      password: '',
    });
    expect(empty.statusCode).toBe(400);
    const other = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-KHAC' });
    const foreign = await createCamera(t.sys, { unitId: other.id, ip: '198.18.9.9' });
    const wrong = await officer.request('PUT', '/api/camera-credentials', {
      unitId,
      cameraId: foreign.id,
      username: 'admin',
      password: WRONG,
    });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(await t.db.select().from(cameraCredentials)).toHaveLength(1);
  });

  it('the audit reads the firmware with them (WS-UsernameToken) and records the check', async () => {
    const run = await audit();
    const byAddress = new Map(run.authChecks.map((a) => [a.address, a]));
    expect(byAddress.get(HIK)).toMatchObject({ username: 'admin', protocol: 'onvif', ok: true });
    expect(byAddress.get(HIK)!.detail).toContain(hik.firmware);
    expect(byAddress.get(HARD)).toMatchObject({ ok: false, detail: 'no ONVIF endpoint' });
    const cams = (await officer.request('GET', `/api/cameras?unitId=${unitId}`)).json();
    const cam = cams.items.find((c: { ip: string }) => c.ip === HIK);
    expect(cam).toMatchObject({ firmware: hik.firmware, serial: hik.serial });
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.targetId, run.id));
    expect(trail[0]!.details).toMatchObject({
      authChecks: expect.arrayContaining([expect.objectContaining({ address: HIK, ok: true })]),
    });
    for (const text of [logged, JSON.stringify(await t.db.select().from(jobs)), JSON.stringify(trail)])
      expect(text).not.toContain(RIGHT);
  }, 120_000);

  it("a camera's own credential wins over the unit's; a wrong one is tried once and recorded", async () => {
    const cams = (await officer.request('GET', `/api/cameras?unitId=${unitId}`)).json();
    const cam = cams.items.find((c: { ip: string }) => c.ip === HIK);
    const put = await officer.request('PUT', '/api/camera-credentials', {
      unitId,
      cameraId: cam.id,
      username: 'admin',
      password: WRONG,
    });
    expect(put.json()).toMatchObject({ cameraId: cam.id, cameraIp: HIK });
    // The simulator counts failures for ever; start this run from a clean counter.
    const accounts = devices[0]!.accounts;
    accounts.failures = 0;
    accounts.locked = false;
    const run = await audit();
    const check = run.authChecks.find((a) => a.address === HIK)!;
    expect(check).toMatchObject({ credentialId: put.json().id, ok: false });
    expect(check.detail).toContain('refused');
    // Default-password guesses stay within their budget, the wrong unit password adds one: no lockout.
    expect(accounts.locked).toBe(false);
    expect(accounts.failures).toBeLessThan(hik.lockAfter);
    const del = await officer.request('DELETE', `/api/camera-credentials/${put.json().id}`);
    expect(del.statusCode).toBe(204);
    expect(
      (await officer.request('GET', `/api/camera-credentials?unitId=${unitId}`)).json().items,
    ).toHaveLength(1);
  }, 120_000);
});
