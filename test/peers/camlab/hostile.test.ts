import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CameraAuditResult, runCameraAudit } from '../../../src/cameras/audit/engine.js';
import { fleetPorts } from './fleet.js';
import { startHostile } from './hostile.js';

/**
 * Hostile replies (huge headers, endless body, slow drip, malformed XML, binary garbage, a device
 * that never closes, XAddrs and redirects pointing outside the scope) must neither crash nor hang a
 * run, and the address outside the scope must never be contacted.
 */
const plan = fleetPorts();
let witnessConnections = 0;
let witness: net.Server;
let hostile: Awaited<ReturnType<typeof startHostile>>;
let result: CameraAuditResult;

beforeAll(async () => {
  witness = net.createServer((s) => {
    witnessConnections++;
    s.destroy();
  });
  await new Promise<void>((r) => witness.listen(0, '127.0.0.1', () => r()));
  const outsideUrl = `http://127.0.0.1:${(witness.address() as net.AddressInfo).port}/onvif/device_service`;
  hostile = await startHostile('127.0.1.200', plan, { outsideUrl });
  result = await runCameraAudit({
    scope: { cidrs: ['127.0.1.200/32'], hosts: [] },
    ports: plan,
    limits: { exchangeTimeoutMs: 1500, udpWaitMs: 500, maxHeaderBytes: 8192, maxBodyBytes: 65_536 },
  });
});

afterAll(async () => {
  await hostile.close();
  await new Promise<void>((r) => witness.close(() => r()));
});

describe('camera audit against a hostile device', () => {
  it('finishes and reports the device with what it saw', () => {
    expect(result.hostsDone).toBe(1);
    const d = result.devices[0];
    expect(d?.address).toBe('127.0.1.200');
    expect(d?.facts.openTcp.length).toBeGreaterThanOrEqual(7);
    expect(d?.facts.notes.some((n) => n.includes('rtsp'))).toBe(true);
  });

  it('drops the out-of-scope XAddr and redirect, and never connects to them', () => {
    const notes = result.devices[0]?.facts.notes.join('\n') ?? '';
    expect(notes).toMatch(/XAddr dropped/);
    expect(notes).toMatch(/redirect not followed/);
    expect(witnessConnections).toBe(0);
  });

  it('keeps evidence excerpts small whatever the device sent', () => {
    for (const f of result.findings)
      for (const e of f.evidence) expect(e.response.length).toBeLessThanOrEqual(1000);
    // Telnet sent endless binary garbage: still reported, with an escaped excerpt.
    const telnet = result.findings.find((f) => f.key === 'telnet-open');
    expect(telnet?.evidence[0]?.response).toMatch(/\\x/);
  });
});
