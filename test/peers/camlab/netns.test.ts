import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS } from '../../../src/cameras/audit/defaults.js';
import { type CameraAuditResult, runCameraAudit } from '../../../src/cameras/audit/engine.js';
import { NetScope } from '../../../src/core/net-scope.js';
import { STANDARD_FLEET, score } from './fleet.js';
import { available, createLab, type Lab } from './netns.js';
import { PROFILES } from './profiles.js';

/**
 * The fleet in network namespaces (one per device, veth pairs on one bridge, 198.18.0.0/15), with
 * the real camera ports, multicast discovery, and a capture on the bridge proving that the auditor
 * sent nothing outside the scope. Runs as root (CI); skips with a message elsewhere.
 */
const why = available();
if (why) process.stdout.write(`skipping the network-namespace camera lab: ${why}\n`);
const tshark = (() => {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    process.stdout.write('skipping the bridge capture assertion: tshark is not installed\n');
    return false;
  }
})();

const OUTSIDE_HOST = 100;
let lab: Lab;
let result: CameraAuditResult;
let capture: { proc: ChildProcess; file: string; dir: string } | undefined;
let packets: Array<{ src: string; dst: string }> = [];
const hostOf = (i: number) => 10 + i;

async function startCapture(bridge: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'camlab-cap-'));
  const file = path.join(dir, 'bridge.pcapng');
  const proc = spawn('tshark', ['-i', bridge, '-n', '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    proc.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('Capturing on')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`tshark exited ${code}: ${err}`)));
  });
  return { proc, file, dir };
}

async function stopCapture(c: NonNullable<typeof capture>) {
  await new Promise((r) => setTimeout(r, 500));
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGINT');
  await exited;
  const out = execFileSync('tshark', [
    '-r',
    c.file,
    '-n',
    '-T',
    'fields',
    '-e',
    'ip.src',
    '-e',
    'ip.dst',
    '-Y',
    'ip',
  ]).toString();
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [src = '', dst = ''] = l.split('\t');
      return { src, dst };
    });
}

describe.skipIf(why !== undefined)('camera audit in network namespaces', () => {
  beforeAll(async () => {
    const entries = STANDARD_FLEET.map((profile, i) => ({ profile, host: hostOf(i) }));
    entries.push({ profile: 'xiongmai', host: OUTSIDE_HOST });
    lab = await createLab(entries, { multicast: true });
    const net = lab.subnet.replace(/\.0\/24$/, '');
    if (tshark) capture = await startCapture(lab.bridge);
    result = await runCameraAudit({
      scope: { cidrs: [`${net}.32/28`], hosts: STANDARD_FLEET.map((_, i) => `${net}.${hostOf(i)}`) },
      ports: DEFAULT_PORTS,
      multicastInterface: lab.auditor,
      limits: { udpWaitMs: 1500 },
    });
    if (capture) packets = await stopCapture(capture);
  }, 120_000);

  afterAll(async () => {
    await lab?.destroy();
    if (capture) rmSync(capture.dir, { recursive: true, force: true });
  });

  it('finds exactly the ground truth of every device (precision and recall 1)', () => {
    const truth = lab.devices
      .filter((d) => !d.address.endsWith(`.${OUTSIDE_HOST}`))
      .map((d) => ({ address: d.address, keys: PROFILES[d.profile]?.truth ?? [] }));
    const s = score(result, truth);
    process.stdout.write(
      `camlab netns: precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (${s.truePositives} true positives)\n`,
    );
    expect(s.falsePositives).toEqual([]);
    expect(s.falseNegatives).toEqual([]);
  });

  it('hears multicast discovery answers from in-scope devices only', () => {
    const outside = lab.devices.find((d) => d.address.endsWith(`.${OUTSIDE_HOST}`))?.address;
    const expected = lab.devices.filter((d) => {
      const p = PROFILES[d.profile];
      return d.address !== outside && (p?.onvif || p?.sadp || p?.dhip);
    });
    expect(result.multicastResponders.sort()).toEqual(expected.map((d) => d.address).sort());
    expect(result.devices.map((d) => d.address)).not.toContain(outside);
  });

  it.skipIf(!tshark)('sent no packet outside the scope (capture on the bridge)', async () => {
    const net = lab.subnet.replace(/\.0\/24$/, '');
    const scope = await NetScope.create({
      cidrs: [`${net}.32/28`],
      hosts: STANDARD_FLEET.map((_, i) => `${net}.${hostOf(i)}`),
    });
    const fromAuditor = packets.filter((p) => p.src === lab.auditor);
    expect(fromAuditor.length).toBeGreaterThan(100);
    const stray = fromAuditor.filter(
      (p) => !scope.allows(p.dst) && !['239.255.255.250', '239.255.255.251'].includes(p.dst),
    );
    expect(stray).toEqual([]);
    expect(fromAuditor.some((p) => p.dst.endsWith(`.${OUTSIDE_HOST}`))).toBe(false);
  });
});
