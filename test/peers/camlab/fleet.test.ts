import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CameraAuditResult, runCameraAudit } from '../../../src/cameras/audit/engine.js';
import type { SimDevice } from './device.js';
import {
  fleetPorts,
  type Score,
  STANDARD_FLEET,
  score,
  startFleet,
  withoutForeignListeners,
} from './fleet.js';
import { PROFILES } from './profiles.js';

/**
 * The whole audit against the simulated fleet on loopback addresses 127.0.1.N (unicast probes only),
 * graded against each profile's written ground truth.
 */
let plan = fleetPorts();
const entries = STANDARD_FLEET.map((profile, i) => ({ profile, address: `127.0.1.${i + 10}` }));
let devices: SimDevice[] = [];
let result: CameraAuditResult;
let s: Score;
const progress: Array<{ hostsDone: number; hostsTotal: number; findings: number }> = [];

beforeAll(async () => {
  plan = await withoutForeignListeners(plan);
  devices = await startFleet(entries, plan);
  result = await runCameraAudit(
    { scope: { cidrs: ['127.0.1.0/27'], hosts: [] }, ports: plan, limits: { udpWaitMs: 1500 } },
    { onProgress: (p) => progress.push(p) },
  );
  s = score(
    result,
    entries.map((e) => ({ address: e.address, keys: PROFILES[e.profile]?.truth ?? [] })),
  );
  // Printed so that CI logs show the figures, not only pass/fail.
  process.stdout.write(
    `camlab loopback: precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (${s.truePositives} true positives)\n`,
  );
});

afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
});

describe('camera audit against the loopback fleet', () => {
  it('finds every ground-truth finding and nothing else', () => {
    expect(s.falsePositives).toEqual([]);
    expect(s.falseNegatives).toEqual([]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(1);
  });

  it('finds one device per simulated camera, with vendor and firmware where the device tells it', () => {
    expect(result.devices.map((d) => d.address)).toEqual(entries.map((e) => e.address));
    const by = (name: string) =>
      result.devices.find((d) => d.address === entries.find((e) => e.profile === name)?.address)?.facts;
    expect(by('hikvision-old')).toMatchObject({
      vendor: 'hikvision',
      firmware: 'V5.2.5 build 141201',
      firmwareSource: 'sadp',
    });
    expect(by('dahua')).toMatchObject({ vendor: 'dahua', firmwareSource: 'onvif' });
    expect(by('xiongmai')?.rtspServer).toBe('H264DVR 1.0');
    expect(by('hipcam')?.rtspAcceptsAnyPath).toBe(true);
    expect(by('yoosee')?.vendor).toBe('yoosee');
  });

  it('never locks an account and never tries again once locked', () => {
    for (const d of devices) {
      expect(d.accounts.attemptsWhileLocked).toBe(0);
      if (d.profile.lockAfter > 0) expect(d.accounts.failures).toBeLessThan(d.profile.lockAfter);
      expect(d.accounts.failures).toBeLessThanOrEqual(4);
    }
  });

  it('gives every finding evidence, criteria and a Vietnamese remedy, and never a password', () => {
    for (const f of result.findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.criteria.length).toBeGreaterThan(0);
      expect(f.remedy.vi.length).toBeGreaterThan(20);
      const text = JSON.stringify(f);
      for (const p of Object.values(PROFILES))
        for (const a of p.accounts)
          if (a.password.length >= 6 && a.password !== a.username) expect(text).not.toContain(a.password);
      expect(text).not.toMatch(/Authorization: (Basic|Digest) [^<]/);
    }
  });

  it('reports progress up to hosts done = total, with findings counted', () => {
    const last = progress.at(-1);
    expect(last?.hostsDone).toBe(30);
    expect(last?.hostsTotal).toBe(30);
    expect(last?.findings).toBe(result.findings.length);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.hostsDone).toBeGreaterThanOrEqual(progress[i - 1]!.hostsDone);
  });

  it('stops when cancelled: fewer hosts done, result marked cancelled', async () => {
    const ac = new AbortController();
    const r = await runCameraAudit(
      { scope: { cidrs: ['127.0.1.0/24'], hosts: [] }, ports: plan, hostConcurrency: 4, signal: ac.signal },
      { onProgress: (p) => p.hostsDone >= 8 && ac.abort() },
    );
    expect(r.cancelled).toBe(true);
    expect(r.hostsDone).toBeLessThan(254);
  });

  it('refuses a target outside the registered scope before sending anything', async () => {
    await expect(
      runCameraAudit({
        scope: { cidrs: ['127.0.1.0/28'], hosts: [] },
        targets: { cidrs: ['127.0.1.0/27'], hosts: [] },
        ports: plan,
      }),
    ).rejects.toMatchObject({ code: 'NET_SCOPE_REFUSED' });
  });
});

describe('lockout signs', () => {
  it('stops every credential attempt at the first lockout sign', async () => {
    const base = PROFILES.dahua!;
    const profile = {
      ...base,
      name: 'dahua-strict',
      accounts: [{ username: 'admin', password: 'Zq8!vT3#kLp0' }],
      lockAfter: 2,
      truth: [],
    };
    const { startDevice } = await import('./device.js');
    const device = await startDevice(profile, '127.0.1.70', plan);
    try {
      const r = await runCameraAudit({
        scope: { cidrs: ['127.0.1.70/32'], hosts: [] },
        ports: plan,
        limits: { udpWaitMs: 1000 },
      });
      expect(device.accounts.locked).toBe(true);
      // The attempt that met the lock is the last one: nothing after it, on any protocol.
      expect(device.accounts.attemptsWhileLocked).toBe(1);
      expect(r.devices[0]?.facts.locked).toBe(true);
      expect(r.devices[0]?.facts.notes.join(' ')).toMatch(/lockout sign/);
      expect(r.findings.some((f) => f.key === 'default-credentials')).toBe(false);
    } finally {
      await device.close();
    }
  });
});

describe('authenticated checks with unit credentials', () => {
  it('reads the firmware over ONVIF with the credentials the unit supplied, without spending guesses', async () => {
    const { startDevice } = await import('./device.js');
    const profile = PROFILES['hikvision-new']!;
    const device = await startDevice({ ...profile, sadp: undefined }, '127.0.1.71', plan);
    try {
      const r = await runCameraAudit({
        scope: { cidrs: ['127.0.1.71/32'], hosts: [] },
        ports: plan,
        limits: { udpWaitMs: 1000 },
        unitCredentials: [
          { username: 'admin', password: profile.accounts[0]!.password, addresses: ['127.0.1.71'] },
        ],
      });
      expect(r.devices[0]?.facts).toMatchObject({
        firmware: 'V5.7.3 build 220112',
        firmwareSource: 'onvif',
        vendor: 'hikvision',
      });
      expect(r.devices[0]?.facts.notes.join(' ')).toMatch(/HTTPS enabled=false/);
      expect(r.findings.map((f) => f.key).sort()).toEqual(['exposed:hik-sdk']);
    } finally {
      await device.close();
    }
  });
});
