import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { excerpt, tcpExchange } from '../io/exchange.js';
import { udpProbe } from '../io/udp.js';
import type { AuditCheck, CheckContext, PortPlan, Severity, Target, Text } from '../types.js';
import { openPortsOf } from './tcp-ports.js';

type Exposure = { role: keyof PortPlan; key: string; severity: Severity; title: Text; banner: boolean };

/**
 * Services that should not be reachable (CAMERAS.md §2.6): the banner is read (bounded) and reported;
 * nothing is logged into. Telnet logins are never tried (an admin opt-in would be needed, §2.7).
 */
const EXPOSURES: Exposure[] = [
  {
    role: 'telnet',
    key: 'telnet-open',
    severity: 'high',
    banner: true,
    title: { vi: 'Cổng telnet (23) mở', en: 'Telnet (23) open' },
  },
  {
    role: 'xmDebug',
    key: 'exposed:xm-debug',
    severity: 'critical',
    banner: true,
    title: { vi: 'Cổng gỡ lỗi 9527 của XiongMai mở', en: 'XiongMai debug console 9527 open' },
  },
  {
    role: 'xmSofia',
    key: 'exposed:xm-sofia',
    severity: 'high',
    banner: false,
    title: { vi: 'Cổng Sofia/DVRIP 34567 mở', en: 'Sofia/DVRIP port 34567 open' },
  },
  {
    role: 'dahuaSdk',
    key: 'exposed:dahua-sdk',
    severity: 'medium',
    banner: false,
    title: { vi: 'Cổng SDK riêng của Dahua 37777 mở', en: 'Dahua private SDK port 37777 open' },
  },
  {
    role: 'hikSdk',
    key: 'exposed:hik-sdk',
    severity: 'medium',
    banner: false,
    title: { vi: 'Cổng SDK 8000 của Hikvision mở', en: 'Hikvision SDK port 8000 open' },
  },
  {
    role: 'ftp',
    key: 'ftp-open',
    severity: 'medium',
    banner: true,
    title: { vi: 'Dịch vụ FTP (không mã hóa) mở', en: 'FTP service (cleartext) open' },
  },
  {
    role: 'tvt',
    key: 'exposed:tvt',
    severity: 'medium',
    banner: false,
    title: { vi: 'Cổng quản lý TVT 6036 mở', en: 'TVT management port 6036 open' },
  },
];

export const exposedServices: AuditCheck = {
  id: 'exposed-services',
  async check(target, ctx) {
    // The SSDP probe is UDP and waits for its answer: it runs while the banners are read.
    const ssdp = upnp(target, ctx);
    for (const e of EXPOSURES) {
      const [port] = openPortsOf(target.facts, ctx.ports, e.role);
      if (port === undefined) continue;
      const r = e.banner
        ? await tcpExchange(ctx, target.address, port, {
            protocol: e.role,
            maxBytes: 2048,
            idleMs: 300,
            timeoutMs: 1500,
            summary: 'banner read',
          })
        : undefined;
      ctx.report(exposureFinding(target, e, port, r ? excerpt(r.data, 300) : '(connection accepted)'));
    }
    await ssdp;
  },
};

function exposureFinding(target: Target, e: Exposure, port: number, response: string) {
  return finding(target, 'exposed-services', {
    key: e.key,
    port,
    severity: e.severity,
    confidence: 'confirmed',
    title: e.title,
    criteria: [...BREAKS.exposedInterface],
    remedy: REMEDY.exposedInterface,
    evidence: [evidence('tcp', target, port, e.banner ? '(connect, read banner)' : '(connect)', response)],
  });
}

/** SSDP M-SEARCH sent unicast to the device: an answer means UPnP is on (it can open router ports). */
async function upnp(target: Target, ctx: CheckContext) {
  const port = ctx.ports.udpSsdp;
  const msg = `M-SEARCH * HTTP/1.1\r\nHOST: ${target.address}:${port}\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: upnp:rootdevice\r\n\r\n`;
  const [reply] = await udpProbe(ctx, { address: target.address, port }, Buffer.from(msg), {
    summary: 'SSDP M-SEARCH',
    maxBytes: 4096,
    maxReplies: 1,
  });
  if (!reply || !/^HTTP\/1\.1 200/.test(reply.data.toString('latin1'))) return;
  const e: Exposure = {
    role: 'upnp',
    key: 'upnp-exposed',
    severity: 'low',
    banner: false,
    title: {
      vi: 'UPnP bật (có thể tự mở cổng trên router)',
      en: 'UPnP enabled (may open router ports by itself)',
    },
  };
  ctx.report({
    ...exposureFinding(target, e, port, excerpt(reply.data, 300)),
    evidence: [evidence('ssdp', target, port, excerpt(msg), excerpt(reply.data, 300))],
  });
}
