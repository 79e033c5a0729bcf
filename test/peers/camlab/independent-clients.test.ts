import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimDevice } from './device.js';
import { fleetPorts, startFleet } from './fleet.js';

/**
 * The simulator is checked by clients we did not write, so that it does not grade itself:
 * curl --digest (HTTP Digest), ffprobe (RTSP Digest and SDP), the `onvif` npm client
 * (WS-UsernameToken). Each skips with a message when the tool is missing.
 */
const run = promisify(execFile);
const plan = fleetPorts();
const HIK = '127.0.1.60';
const YOOSEE = '127.0.1.61';
let devices: SimDevice[] = [];

async function have(tool: string, flag: string): Promise<boolean> {
  const ok = await run(tool, [flag]).then(
    () => true,
    () => false,
  );
  if (!ok) process.stdout.write(`skipping ${tool} checks of the simulator: ${tool} is not installed\n`);
  return ok;
}
const hasCurl = await have('curl', '--version');
const hasFfprobe = await have('ffprobe', '-version');
const onvif = await import('onvif').catch(() => undefined);
if (!onvif)
  process.stdout.write('skipping onvif npm checks of the simulator: the onvif package is missing\n');

beforeAll(async () => {
  devices = await startFleet(
    [
      { profile: 'hikvision-old', address: HIK },
      { profile: 'yoosee', address: YOOSEE },
    ],
    plan,
  );
});
afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
});

const url = (host: string, port: number | undefined, path: string) => `http://${host}:${port}${path}`;

describe.skipIf(!hasCurl)('curl --digest against the simulated Hikvision ISAPI', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const target = url(HIK, plan.http[0], '/ISAPI/Security/userCheck');
    const good = await run('curl', ['-s', '-m', '5', '--digest', '-u', 'admin:12345', target]);
    expect(good.stdout).toContain('<statusValue>200</statusValue>');
    const bad = await run('curl', [
      '-s',
      '-m',
      '5',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--digest',
      '-u',
      'admin:nope',
      target,
    ]);
    expect(bad.stdout).toBe('401');
  });
});

describe.skipIf(!hasFfprobe)('ffprobe against the simulated RTSP servers', () => {
  const probe = (u: string) =>
    run(
      'ffprobe',
      ['-v', 'error', '-rtsp_transport', 'tcp', '-show_entries', 'stream=codec_name', '-of', 'json', u],
      { timeout: 20_000 },
    ).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );

  it('reads the H.264 stream of an unauthenticated device', async () => {
    expect(await probe(`rtsp://${YOOSEE}:${plan.rtsp[0]}/onvif1`)).toContain('"codec_name": "h264"');
  });

  it('authenticates with RTSP Digest with the right password only', async () => {
    expect(await probe(`rtsp://admin:12345@${HIK}:${plan.rtsp[0]}/Streaming/Channels/101`)).toContain(
      '"codec_name": "h264"',
    );
    expect(await probe(`rtsp://admin:wrong@${HIK}:${plan.rtsp[0]}/Streaming/Channels/101`)).toMatch(
      /401 Unauthorized/,
    );
  });
});

type CamCtor = new (
  o: Record<string, unknown>,
) => {
  getSystemDateAndTime(cb: (err: Error | null, d: Date) => void): void;
  getDeviceInformation(cb: (err: Error | null, info: Record<string, string>) => void): void;
};

describe.skipIf(!onvif)('the onvif npm client against the simulated ONVIF service', () => {
  const cam = (password: string) => {
    const Cam = (onvif as unknown as { Cam: CamCtor }).Cam;
    return new Cam({
      hostname: HIK,
      port: plan.http[0],
      username: 'admin',
      password,
      autoconnect: false,
      timeout: 5000,
    });
  };
  const info = (c: ReturnType<typeof cam>) =>
    new Promise<Record<string, string>>((resolve, reject) =>
      c.getSystemDateAndTime((e1) =>
        e1 ? reject(e1) : c.getDeviceInformation((e2, i) => (e2 ? reject(e2) : resolve(i))),
      ),
    );

  it('reads device information with its own WS-UsernameToken when the password is right', async () => {
    await expect(info(cam('12345'))).resolves.toMatchObject({
      manufacturer: 'HIKVISION',
      firmwareVersion: 'V5.2.5 build 141201',
    });
  });

  it('is refused with a wrong password', async () => {
    await expect(info(cam('wrong'))).rejects.toThrow();
  });
});
