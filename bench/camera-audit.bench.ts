/**
 * Camera audit vs nmap on the same simulated fleet, in one run:
 *   the camlab fleet (~40 devices of mixed profiles, its own process) spread over a loopback /24
 *   (127.0.2.0/24, 254 addresses); our full audit (ports, WS-Discovery/SADP/DHIP, fingerprints, ONVIF,
 *   RTSP calibration, default credentials, exposed services, CVEs) against `nmap -sT -sV` on the same
 *   addresses and TCP ports. Prints both times, the ratio, and whether both found the same open ports.
 *
 *   npx tsx bench/camera-audit.bench.ts [--devices=40] [--no-nmap] [--nmap-budget=300]
 *                                       [--nmap='-sT|-sT -sV --version-light|-sT -sV']
 *
 * Loopback only. The fleet process is stopped at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { tcpRoles } from '../src/cameras/audit/checks/tcp-ports';
import { runCameraAudit } from '../src/cameras/audit/engine';
import { fleetPorts } from '../test/peers/camlab/fleet';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const devices = Number(arg('devices') ?? 40);
const withNmap = !process.argv.includes('--no-nmap');
// nmap -sV waits through every probe on silent ports (8000, 37777, 34567): bound each nmap run.
const nmapBudgetS = Number(arg('nmap-budget') ?? 300);
const variants = (arg('nmap') ?? '-sT|-sT -sV --version-light|-sT -sV').split('|').map((v) => v.split(' '));
const BASE = '127.0.2';
const plan = fleetPorts();
const ports = [...new Set(tcpRoles(plan).map(([, p]) => p))].sort((a, b) => a - b);

async function startFleetProcess() {
  // Addresses spread over the /24 (step 6 from .3), so most of the 254 addresses are empty.
  const child = spawn(
    'npx',
    [
      'tsx',
      'test/peers/camlab/cli.ts',
      `--count=${devices}`,
      `--base=${BASE}`,
      '--first=3',
      '--step=6',
      '--stdin',
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('READY')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`camlab exited ${code}`)));
  });
  return child;
}

type NmapRun =
  | { ms: number; cpuS: number | null; open: Map<string, number[]>; services: number }
  | { ms: number; timedOut: true };

const cpuFile = `/tmp/camera-audit-bench-nmap-cpu-${process.pid}`;
// nmap's CPU time (user + system) through /usr/bin/time when present: wall time alone lies on a loaded box.
const timeWrap = spawnSync('/usr/bin/time', ['-f', '%U %S', 'true']).status === 0;
function readCpu(): number | null {
  try {
    const [u, sy] = fs.readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    return (u ?? 0) + (sy ?? 0);
  } catch {
    return null;
  }
}

function nmapOpenPorts(flags: string[]): NmapRun {
  const t0 = performance.now();
  const nmapArgs = [...flags, '-n', '-Pn', '-T4', '-p', ports.join(','), '-oX', '-', `${BASE}.0/24`];
  const r = spawnSync(
    timeWrap ? '/usr/bin/time' : 'nmap',
    timeWrap ? ['-f', '%U %S', '-o', cpuFile, 'nmap', ...nmapArgs] : nmapArgs,
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: nmapBudgetS * 1000,
    },
  );
  const ms = performance.now() - t0;
  if (r.signal === 'SIGTERM') return { ms, timedOut: true };
  if (r.status !== 0) throw new Error(`nmap failed: ${r.status} ${r.signal} ${r.error?.message} ${r.stderr}`);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
  const hosts = [xml.nmaprun?.host ?? []].flat();
  const open = new Map<string, number[]>();
  let services = 0;
  for (const h of hosts) {
    const addr = [h.address].flat().find((a: { addrtype: string }) => a.addrtype === 'ipv4')?.addr;
    const list = [h.ports?.port ?? []]
      .flat()
      .filter((p: { state: { state: string } }) => p.state?.state === 'open');
    services += list.filter((p: { service?: { product?: string } }) => p.service?.product).length;
    if (addr && list.length)
      open.set(
        addr,
        list.map((p: { portid: string }) => Number(p.portid)).sort((a: number, b: number) => a - b),
      );
  }
  return { ms, cpuS: timeWrap ? readCpu() : null, open, services };
}

const fleet = await startFleetProcess();
try {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runCameraAudit({ scope: { cidrs: [`${BASE}.0/24`], hosts: [] }, ports: plan });
  const oursMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const oursCpuS = (cpu.user + cpu.system) / 1e6;
  const ours = new Map(
    result.devices.filter((d) => d.facts.openTcp.length).map((d) => [d.address, d.facts.openTcp]),
  );
  console.log(
    `fleet: ${devices} simulated cameras on ${BASE}.0/24 (254 addresses), ${ports.length} TCP ports`,
  );
  console.log(
    `ours : ${(oursMs / 1000).toFixed(2)} s wall, ${oursCpuS.toFixed(2)} s CPU (this process; the fleet runs in its own)  devices ${result.devices.length}  findings ${result.findings.length}  requests ${JSON.stringify(result.sentCount)}`,
  );
  if (withNmap && spawnSync('nmap', ['--version']).status === 0) {
    for (const flags of variants) {
      const n = nmapOpenPorts(flags);
      const name = `nmap ${flags.join(' ')}`;
      if ('timedOut' in n) {
        console.log(
          `${name}: did not finish within ${nmapBudgetS} s (ratio > ${(n.ms / oursMs).toFixed(1)}x)`,
        );
        continue;
      }
      const same =
        n.open.size === ours.size &&
        [...n.open].every(([a, p]) => JSON.stringify(p) === JSON.stringify(ours.get(a)));
      console.log(
        `${name}: ${(n.ms / 1000).toFixed(2)} s wall, ${n.cpuS === null ? '?' : n.cpuS.toFixed(2)} s CPU  hosts with open ports ${n.open.size}  services named ${n.services}`,
      );
      console.log(
        `  ratio nmap / ours = ${(n.ms / oursMs).toFixed(2)}x   same open ports: ${same ? 'yes' : 'NO'}`,
      );
      if (!same) {
        for (const a of new Set([...n.open.keys(), ...ours.keys()])) {
          const x = JSON.stringify(n.open.get(a) ?? []);
          const y = JSON.stringify(ours.get(a) ?? []);
          if (x !== y) console.log(`    ${a}: nmap ${x} ours ${y}`);
        }
      }
    }
  } else console.log('nmap: skipped (not installed or --no-nmap)');
} finally {
  fleet.stdin?.end();
  fleet.kill('SIGTERM');
}
