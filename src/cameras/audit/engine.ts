import { setMaxListeners } from 'node:events';
import { NetScope, type NetScopeSpec } from '../../core/net-scope.js';
import { type BudgetLimits, CredentialBudget, DEFAULT_BUDGET } from './budget.js';
import { authenticated } from './checks/authenticated.js';
import { cloudP2p } from './checks/cloud-p2p.js';
import { defaultCredentials } from './checks/default-credentials.js';
import { dhip } from './checks/dhip.js';
import { exposedServices } from './checks/exposed-services.js';
import { firmwareCves } from './checks/firmware-cves.js';
import { httpFingerprint } from './checks/http-fingerprint.js';
import { multicastDiscovery } from './checks/multicast-discovery.js';
import { onvifInfo } from './checks/onvif-info.js';
import { rtspDescribe } from './checks/rtsp-describe.js';
import { sadp } from './checks/sadp.js';
import { tcpPorts } from './checks/tcp-ports.js';
import { wsDiscovery } from './checks/ws-discovery.js';
import { DEFAULT_LIMITS, DEFAULT_PORTS } from './defaults.js';
import { Limiter, pool } from './limiter.js';
import type {
  AuditCheck,
  CheckContext,
  DeviceFacts,
  Finding,
  Limits,
  PortPlan,
  Target,
  UnitCredential,
} from './types.js';
import { emptyFacts } from './types.js';

export type CameraAuditOptions = {
  /** The unit's registered scope: the guard refuses every address outside it. */
  scope: NetScopeSpec;
  /** Addresses/CIDRs to audit now (each must be inside `scope`); the whole scope by default. */
  targets?: { cidrs: string[]; hosts: string[] };
  ports?: Partial<PortPlan>;
  limits?: Partial<Limits>;
  budget?: Partial<BudgetLimits>;
  hostConcurrency?: number;
  maxSockets?: number;
  ratePerSecond?: number;
  unitCredentials?: UnitCredential[];
  /** Local IPv4 address to send discovery multicast from; omit to send none. */
  multicastInterface?: string;
  signal?: AbortSignal;
};

export type AuditProgress = { hostsDone: number; hostsTotal: number; devices: number; findings: number };

export type SentEntry = { protocol: string; address: string; port: number; summary: string };

export type CameraAuditCallbacks = {
  onProgress?(p: AuditProgress): void;
  onFinding?(f: Finding): void;
  onSent?(e: SentEntry): void;
};

export type DeviceReport = { address: string; facts: DeviceFacts; findings: Finding[] };

export type CameraAuditResult = {
  startedAt: string;
  finishedAt: string;
  cancelled: boolean;
  hostsTotal: number;
  hostsDone: number;
  devices: DeviceReport[];
  findings: Finding[];
  /** In-scope addresses that answered a multicast discovery probe (empty without multicast). */
  multicastResponders: string[];
  /** Requests sent per protocol (the full list goes to onSent, for the run's audit record). */
  sentCount: Record<string, number>;
};

/** Discovery checks run on every address; the rest only on addresses that answered. */
const DISCOVERY: AuditCheck[] = [tcpPorts, wsDiscovery, sadp, dhip];
const DEVICE_CHECKS: AuditCheck[] = [
  httpFingerprint,
  rtspDescribe,
  onvifInfo,
  defaultCredentials,
  authenticated,
  firmwareCves,
  exposedServices,
  cloudP2p,
];

/**
 * Runs one camera audit: DB-free, every socket through the scope guard, results through callbacks
 * and the returned value. Cancelling `signal` stops taking new hosts and ends open reads at once.
 */
export async function runCameraAudit(
  options: CameraAuditOptions,
  callbacks: CameraAuditCallbacks = {},
): Promise<CameraAuditResult> {
  const startedAt = new Date().toISOString();
  const scope = await NetScope.create({
    ...options.scope,
    allowMulticastDiscovery: options.multicastInterface !== undefined,
  });
  const addresses = await targetAddresses(scope, options);
  const signal = options.signal ?? new AbortController().signal;
  // Every open read listens for the abort: hundreds at once is expected, not a leak.
  setMaxListeners(0, signal);
  const findings: Finding[] = [];
  const devices: DeviceReport[] = [];
  const sentCount: Record<string, number> = {};
  const progress: AuditProgress = { hostsDone: 0, hostsTotal: addresses.length, devices: 0, findings: 0 };
  const ctx: CheckContext = {
    scope,
    signal,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    ports: { ...DEFAULT_PORTS, ...options.ports },
    budget: new CredentialBudget({ ...DEFAULT_BUDGET, ...options.budget }),
    limiter: new Limiter(options.maxSockets ?? 256, options.ratePerSecond ?? 2000),
    unitCredentials: options.unitCredentials ?? [],
    multicastInterface: options.multicastInterface,
    report: () => {},
    sent: (e) => {
      sentCount[e.protocol] = (sentCount[e.protocol] ?? 0) + 1;
      callbacks.onSent?.(e);
    },
  };
  callbacks.onProgress?.({ ...progress });
  const multicastResponders = await multicastDiscovery(ctx);
  await pool(addresses, options.hostConcurrency ?? 64, signal, async (address) => {
    const target: Target = { address, facts: emptyFacts() };
    const mine: Finding[] = [];
    const hostCtx: CheckContext = {
      ...ctx,
      report: (f) => {
        mine.push(f);
        findings.push(f);
        callbacks.onFinding?.(f);
      },
    };
    await auditHost(target, hostCtx);
    if (isDevice(target.facts)) devices.push({ address, facts: target.facts, findings: mine });
    progress.hostsDone++;
    progress.devices = devices.length;
    progress.findings = findings.length;
    callbacks.onProgress?.({ ...progress });
  });
  devices.sort((a, b) => compareAddresses(a.address, b.address));
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    cancelled: signal.aborted,
    hostsTotal: addresses.length,
    hostsDone: progress.hostsDone,
    devices,
    findings,
    multicastResponders,
    sentCount,
  };
}

async function auditHost(target: Target, ctx: CheckContext): Promise<void> {
  await Promise.all(DISCOVERY.map((c) => safely(c, target, ctx)));
  if (!isDevice(target.facts)) return;
  for (const c of DEVICE_CHECKS) {
    if (ctx.signal.aborted) return;
    await safely(c, target, ctx);
  }
}

/** A check that throws (a bug or a hostile reply we did not foresee) is noted, never fatal to the run. */
async function safely(c: AuditCheck, target: Target, ctx: CheckContext): Promise<void> {
  try {
    await c.check(target, ctx);
  } catch (err) {
    if (!ctx.signal.aborted)
      target.facts.notes.push(`${c.id}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isDevice(f: DeviceFacts): boolean {
  return f.openTcp.length > 0 || Object.keys(f.udp).length > 0;
}

async function targetAddresses(scope: NetScope, options: CameraAuditOptions): Promise<string[]> {
  if (!options.targets) return scope.expand();
  const sub = await NetScope.create({ ...options.targets });
  const list = sub.expand();
  for (const a of list) scope.assertAllowed(a, 'audit target');
  return list;
}

function compareAddresses(a: string, b: string): number {
  const n = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  return n(a) - n(b);
}
