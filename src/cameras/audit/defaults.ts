import type { Limits, PortPlan } from './types.js';

/** The camera ports of CAMERAS.md §2.6, by role. */
export const DEFAULT_PORTS: PortPlan = {
  http: [80, 81, 82, 88, 8080, 8081, 5000],
  https: [443, 8443],
  rtsp: [554, 8554, 5554, 10554],
  onvif: [8899, 2020, 5000],
  telnet: [23],
  ftp: [21],
  ssh: [22],
  hikSdk: [8000],
  dahuaSdk: [37777],
  xmSofia: [34567],
  xmDebug: [9527],
  upnp: [49152],
  tvt: [6036],
  udpWsd: 3702,
  udpSadp: 37020,
  udpDhip: 37810,
  udpSsdp: 1900,
};

export const DEFAULT_LIMITS: Limits = {
  connectTimeoutMs: 1500,
  exchangeTimeoutMs: 4000,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 256 * 1024,
  udpWaitMs: 800,
};

/** Moves every port of a plan by `offset` (a simulated fleet without root binds above 1024). */
export function shiftPorts(plan: PortPlan, offset: number): PortPlan {
  const out = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(plan))
    out[k] = Array.isArray(v) ? v.map((p) => p + offset) : (v as number) + offset;
  return out as PortPlan;
}
