import net from 'node:net';
import { DEFAULT_PORTS, shiftPorts } from '../../../src/cameras/audit/defaults.js';
import type { CameraAuditResult } from '../../../src/cameras/audit/engine.js';
import type { PortPlan } from '../../../src/cameras/audit/types.js';
import { type SimDevice, startDevice } from './device.js';
import { PROFILES } from './profiles.js';

/** The standard mixed fleet: one device of each profile. */
export const STANDARD_FLEET = Object.keys(PROFILES);

/**
 * Port plan for a fleet: the real camera ports when we may bind below 1024 (root), else every port
 * moved up by 10000 (the audit is given the same plan, so roles stay aligned).
 */
export function fleetPorts(privileged = process.getuid?.() === 0): PortPlan {
  return privileged ? DEFAULT_PORTS : shiftPorts(DEFAULT_PORTS, 10_000);
}

/** Starts one device per entry, on the given addresses (loopback 127.0.1.N or netns addresses). */
export async function startFleet(
  entries: Array<{ profile: string; address: string }>,
  plan: PortPlan,
  opts: { multicast?: boolean } = {},
): Promise<SimDevice[]> {
  const devices: SimDevice[] = [];
  try {
    for (const e of entries) {
      const profile = PROFILES[e.profile];
      if (!profile) throw new Error(`unknown profile ${e.profile}`);
      devices.push(await startDevice(profile, e.address, plan, opts));
    }
  } catch (err) {
    await Promise.all(devices.map((d) => d.close()));
    throw err;
  }
  return devices;
}

export type Score = {
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  precision: number;
  recall: number;
};

/** Precision and recall of an audit against the ground truth (address + finding key pairs). */
export function score(result: CameraAuditResult, truth: Array<{ address: string; keys: string[] }>): Score {
  const expected = new Set(truth.flatMap((t) => t.keys.map((k) => `${t.address} ${k}`)));
  const got = new Set(result.findings.map((f) => `${f.address} ${f.key}`));
  const tp = [...got].filter((g) => expected.has(g)).length;
  return {
    truePositives: tp,
    falsePositives: [...got].filter((g) => !expected.has(g)).sort(),
    falseNegatives: [...expected].filter((e) => !got.has(e)).sort(),
    precision: got.size ? tp / got.size : 1,
    recall: expected.size ? tp / expected.size : 1,
  };
}

/**
 * Drops from a plan the TCP ports that something else on this machine listens on for every address
 * (a wildcard bind answers on all of 127/8 and would look like a camera service). Probes `probeAddress`,
 * an address no simulated device uses; prints what it dropped.
 */
export async function withoutForeignListeners(
  plan: PortPlan,
  probeAddress = '127.0.1.254',
): Promise<PortPlan> {
  const out = { ...plan } as Record<string, unknown>;
  for (const [role, ports] of Object.entries(plan)) {
    if (!Array.isArray(ports)) continue;
    const kept: number[] = [];
    for (const port of ports) {
      const taken = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: probeAddress, port });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (taken)
        process.stdout.write(
          `camlab: port ${port} is taken by another process on all loopback addresses; left out\n`,
        );
      else kept.push(port);
    }
    out[role] = kept;
  }
  return out as PortPlan;
}
