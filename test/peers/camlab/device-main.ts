import { DEFAULT_PORTS } from '../../../src/cameras/audit/defaults.js';
import type { PortPlan } from '../../../src/cameras/audit/types.js';
import { startDevice } from './device.js';
import { PROFILES } from './profiles.js';

/**
 * One simulated device as its own process (used inside a network namespace):
 * `tsx device-main.ts '{"profile":"dahua","address":"198.18.77.13","multicast":true}'`.
 * Prints READY once every server listens; exits on SIGTERM or when stdin closes.
 */
const arg = JSON.parse(process.argv[2] ?? '{}') as {
  profile: string;
  address: string;
  multicast?: boolean;
  ports?: PortPlan;
};
const profile = PROFILES[arg.profile];
if (!profile) throw new Error(`unknown profile ${arg.profile}`);
const device = await startDevice(profile, arg.address, arg.ports ?? DEFAULT_PORTS, {
  multicast: arg.multicast,
});
const stop = async () => {
  await device.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
process.stdout.write(`READY ${arg.profile} ${arg.address}\n`);
