import { parseArgs } from 'node:util';
import type { SimDevice } from './device.js';
import { fleetPorts, STANDARD_FLEET, startFleet } from './fleet.js';
import { PROFILES } from './profiles.js';

/**
 * `npm run camlab [-- --count 9 --base 127.0.1 --first 10 --step 1]`: starts a simulated camera fleet
 * on loopback addresses and prints each device with its ground truth. Profiles cycle through the
 * standard set. Stops on Ctrl-C (or when stdin closes with --stdin).
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: String(STANDARD_FLEET.length) },
    base: { type: 'string', default: '127.0.1' },
    first: { type: 'string', default: '10' },
    step: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
  },
});
const base = values.base ?? '127.0.1';
if (!/^127\.\d{1,3}\.\d{1,3}$/.test(base))
  throw new Error('camlab binds loopback addresses only: --base must be 127.X.Y');
const plan = fleetPorts();
const count = Number(values.count);
const entries = Array.from({ length: count }, (_, i) => ({
  profile: STANDARD_FLEET[i % STANDARD_FLEET.length] as string,
  address: `${base}.${Number(values.first) + i * Number(values.step)}`,
}));
const devices: SimDevice[] = await startFleet(entries, plan);
const out = (s: string) => process.stdout.write(`${s}\n`);
if (values.json)
  out(
    JSON.stringify({
      ports: plan,
      devices: entries.map((e) => ({ ...e, truth: PROFILES[e.profile]?.truth })),
    }),
  );
else {
  out(
    `camlab: ${devices.length} simulated cameras (ports ${plan === fleetPorts(true) ? 'standard' : 'shifted by +10000'})`,
  );
  for (const d of devices)
    out(
      `${d.address.padEnd(14)} ${d.profile.name.padEnd(22)} ${d.profile.roles.join(',').padEnd(40)} truth: ${d.profile.truth.join(' ') || '(none)'}`,
    );
  out('Ctrl-C to stop.');
}
out('READY');
const stop = async () => {
  await Promise.all(devices.map((d) => d.close()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (values.stdin) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
