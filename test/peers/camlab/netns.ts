import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * A camera lab in network namespaces: one bridge in the root namespace holding the auditor's address
 * (`<net>.1`), one namespace per device joined by a veth pair, addresses from 198.18.0.0/15 (the
 * benchmarking range, never routed). Needs root and a working `ip netns`; `available()` says why not.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export type Lab = {
  bridge: string;
  auditor: string;
  subnet: string;
  devices: Array<{ address: string; profile: string; ns: string; proc: ChildProcess }>;
  destroy(): Promise<void>;
};

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const sysctl = (key: string, value: string) => {
  try {
    execFileSync('sysctl', ['-qw', `${key}=${value}`], { stdio: 'ignore' });
  } catch {
    // not fatal: only keeps IPv6 chatter out of the capture
  }
};

export function available(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root';
  try {
    const probe = `clprobe${process.pid % 100000}`;
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return undefined;
  } catch (err) {
    return `ip netns does not work here (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}

export async function createLab(
  entries: Array<{ profile: string; host: number }>,
  opts: { multicast: boolean },
): Promise<Lab> {
  const tag = String(process.pid % 10000);
  const third = 20 + (process.pid % 200);
  const subnet = `198.18.${third}`;
  const bridge = `clbr${tag}`;
  const lab: Lab = {
    bridge,
    auditor: `${subnet}.1`,
    subnet: `${subnet}.0/24`,
    devices: [],
    destroy: async () => {},
  };
  const namespaces: string[] = [];
  lab.destroy = async () => {
    for (const d of lab.devices) d.proc.kill('SIGTERM');
    await Promise.all(
      lab.devices.map((d) => new Promise((r) => (d.proc.exitCode !== null ? r(0) : d.proc.once('exit', r)))),
    );
    for (const ns of namespaces) tryIp('netns', 'del', ns);
    tryIp('link', 'del', bridge);
  };
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    sysctl(`net.ipv6.conf.${bridge}.disable_ipv6`, '1');
    ip('addr', 'add', `${lab.auditor}/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    for (const [i, e] of entries.entries()) {
      const ns = `camlab${tag}-${i}`;
      const host = `clv${tag}h${i}`;
      const peer = `clv${tag}d${i}`;
      const address = `${subnet}.${e.host}`;
      ip('netns', 'add', ns);
      namespaces.push(ns);
      ip('link', 'add', host, 'type', 'veth', 'peer', 'name', peer);
      sysctl(`net.ipv6.conf.${host}.disable_ipv6`, '1');
      ip('link', 'set', host, 'master', bridge, 'up');
      ip('link', 'set', peer, 'netns', ns);
      ip('netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1');
      ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', peer);
      ip('-n', ns, 'link', 'set', peer, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'route', 'add', '239.0.0.0/8', 'dev', peer);
      const proc = spawn(
        'ip',
        [
          'netns',
          'exec',
          ns,
          TSX,
          path.join(ROOT, 'test/peers/camlab/device-main.ts'),
          JSON.stringify({ profile: e.profile, address, multicast: opts.multicast }),
        ],
        {
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      lab.devices.push({ address, profile: e.profile, ns, proc });
    }
    await Promise.all(lab.devices.map((d) => ready(d.proc)));
    return lab;
  } catch (err) {
    await lab.destroy();
    throw err;
  }
}

function tryIp(...args: string[]) {
  try {
    ip(...args);
  } catch {
    // already gone
  }
}

function ready(proc: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('READY')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`device process exited (${code}) before READY`)));
  });
}
