import { udpProbe } from '../io/udp.js';
import { probeMessage } from '../onvif/ws-discovery.js';
import type { CheckContext } from '../types.js';
import { dhipSearch } from './dhip.js';
import { sadpInquiry } from './sadp.js';

/**
 * Multicast discovery where the network allows it (the run names a local interface): one
 * WS-Discovery Probe, one SADP inquiry and one DHIP search to their groups, TTL 1. Replies from
 * senders outside the scope are dropped by udpProbe. Returns the in-scope responders; the unicast
 * checks then run on every address anyway (multicast is lossy, CAMERAS.md §1 lessons).
 */
export async function multicastDiscovery(ctx: CheckContext): Promise<string[]> {
  if (!ctx.multicastInterface) return [];
  const probes = [
    {
      address: '239.255.255.250',
      port: ctx.ports.udpWsd,
      payload: Buffer.from(probeMessage('nvt')),
      summary: 'WS-Discovery Probe (multicast)',
    },
    {
      address: '239.255.255.250',
      port: ctx.ports.udpSadp,
      payload: Buffer.from(sadpInquiry()),
      summary: 'SADP inquiry (multicast)',
    },
    {
      address: '239.255.255.251',
      port: ctx.ports.udpDhip,
      payload: dhipSearch(),
      summary: 'DHIP search (multicast)',
    },
  ];
  const replies = await Promise.all(
    probes.map((p) =>
      udpProbe(ctx, { address: p.address, port: p.port, multicast: true }, p.payload, {
        summary: p.summary,
        maxReplies: 1024,
        maxBytes: 16_384,
        // Devices answer after a random delay of up to 500 ms (APP_MAX_DELAY).
        waitMs: Math.max(ctx.limits.udpWaitMs, 1500),
      }),
    ),
  );
  return [...new Set(replies.flat().map((r) => r.from))];
}
