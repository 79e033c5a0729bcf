import { randomUUID } from 'node:crypto';
import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { excerpt } from '../io/exchange.js';
import { udpProbe } from '../io/udp.js';
import { findFirst, parseXml, textOf } from '../onvif/soap.js';
import type { AuditCheck } from '../types.js';

/**
 * Hikvision SADP inquiry (UDP 37020), sent unicast to the in-scope address. The ProbeMatch gives the
 * firmware (SoftwareVersion) and the activation state without authentication. Only the inquiry is
 * sent: SADP's activate / set-IP / reset commands are never used.
 */
export function sadpInquiry(uuid = randomUUID().toUpperCase()): string {
  return `<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>${uuid}</Uuid><Types>inquiry</Types></Probe>`;
}

export function parseSadp(data: Buffer) {
  const m = findFirst(parseXml(data), 'ProbeMatch');
  if (!m) return undefined;
  const get = (k: string) => textOf(findFirst(m, k));
  return {
    model: get('DeviceType') ?? get('DeviceDescription'),
    serial: get('DeviceSN'),
    mac: get('MAC'),
    firmware: get('SoftwareVersion'),
    activated: get('Activated'),
  };
}

export const sadp: AuditCheck = {
  id: 'sadp',
  async check(target, ctx) {
    const request = sadpInquiry();
    const replies = await udpProbe(
      ctx,
      { address: target.address, port: ctx.ports.udpSadp },
      Buffer.from(request),
      {
        summary: 'SADP inquiry',
        maxBytes: 8192,
        maxReplies: 2,
      },
    );
    const reply = replies[0];
    const info = reply ? parseSadp(reply.data) : undefined;
    if (!reply || !info) return;
    const f = target.facts;
    f.udp.sadp = excerpt(reply.data, 400);
    f.vendor = 'hikvision';
    f.model ??= info.model;
    f.serial ??= info.serial;
    f.mac ??= info.mac;
    if (info.firmware && !f.firmware) {
      f.firmware = info.firmware;
      f.firmwareSource = 'sadp';
    }
    if (info.activated?.toLowerCase() !== 'false') return;
    f.activated = false;
    ctx.report(
      finding(target, 'sadp', {
        key: 'unactivated',
        port: ctx.ports.udpSadp,
        severity: 'high',
        confidence: 'confirmed',
        title: {
          vi: 'Thiết bị Hikvision chưa được kích hoạt (chưa đặt mật khẩu)',
          en: 'Hikvision device not activated (no password set)',
        },
        criteria: [...BREAKS.unactivated],
        remedy: REMEDY.unactivated,
        evidence: [evidence('sadp', target, ctx.ports.udpSadp, request, excerpt(reply.data))],
      }),
    );
  },
};
