import { excerpt } from '../io/exchange.js';
import { udpProbe } from '../io/udp.js';
import type { AuditCheck } from '../types.js';

/**
 * Dahua DHIP discovery (UDP 37810): a 32-byte header (`DHIP` magic, lengths little-endian) followed by
 * the JSON `DHDiscover.search`. The reply `client.notifyDevInfo` carries Version, SerialNo, DeviceType.
 * Only the search is sent; no configuration method.
 */
export function dhipSearch(): Buffer {
  const json = Buffer.from(JSON.stringify({ method: 'DHDiscover.search', params: { mac: '', uni: 1 } }));
  const head = Buffer.alloc(32);
  head.writeUInt32LE(0x20, 0);
  head.write('DHIP', 4, 'latin1');
  head.writeUInt32LE(json.length, 16);
  head.writeUInt32LE(json.length, 24);
  return Buffer.concat([head, json]);
}

/**
 * Reads the fields from a notifyDevInfo reply. Real replies are not always valid JSON (the
 * UniversalScanner capture has `"Version" : "1.0000,`), so fields are read by pattern, not JSON.parse.
 */
export function parseDhip(data: Buffer) {
  if (data.length < 32 || data.subarray(4, 8).toString('latin1') !== 'DHIP') return undefined;
  const text = data.subarray(32, 32 + 16_384).toString('utf8');
  if (!/notifyDevInfo/.test(text)) return undefined;
  const field = (k: string) =>
    new RegExp(`"${k}"\\s*:\\s*"([^"\\r\\n]{0,120})`).exec(text)?.[1]?.replace(/[,\s]+$/, '');
  return {
    model: field('DeviceType'),
    firmware: field('Version'),
    serial: field('SerialNo'),
    mac: field('mac'),
  };
}

export const dhip: AuditCheck = {
  id: 'dhip',
  async check(target, ctx) {
    const replies = await udpProbe(ctx, { address: target.address, port: ctx.ports.udpDhip }, dhipSearch(), {
      summary: 'DHIP DHDiscover.search',
      maxBytes: 16_384,
      maxReplies: 2,
    });
    const reply = replies[0];
    const info = reply ? parseDhip(reply.data) : undefined;
    if (!reply || !info) return;
    const f = target.facts;
    f.udp.dhip = excerpt(reply.data.subarray(32), 400);
    f.vendor = 'dahua';
    f.model ??= info.model;
    f.serial ??= info.serial;
    f.mac ??= info.mac;
    if (info.firmware && !f.firmware) {
      f.firmware = info.firmware;
      f.firmwareSource = 'dhip';
    }
  },
};
