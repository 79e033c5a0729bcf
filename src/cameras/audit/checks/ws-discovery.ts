import { excerpt } from '../io/exchange.js';
import { udpProbe } from '../io/udp.js';
import { parseProbeMatches, probeMessage, scopeValue } from '../onvif/ws-discovery.js';
import type { AuditCheck, Target } from '../types.js';
import { vendorFromText } from './vendor.js';

/**
 * WS-Discovery unicast Probe to `address:3702` (the right mode for an admin-defined scope), for
 * NetworkVideoTransmitter and tds:Device together. Each XAddr goes through the scope
 * guard: one outside the scope is dropped and noted, never contacted.
 */
export const wsDiscovery: AuditCheck = {
  id: 'ws-discovery',
  async check(target, ctx) {
    // Both probes at once (NVT and tds:Device): a device that ignores one may answer the other.
    const answers = await Promise.all(
      (['nvt', 'device'] as const).map((kind) =>
        udpProbe(ctx, { address: target.address, port: ctx.ports.udpWsd }, Buffer.from(probeMessage(kind)), {
          summary: `WS-Discovery Probe (${kind})`,
          maxBytes: 16_384,
          maxReplies: 4,
        }),
      ),
    );
    for (const replies of answers) {
      const matches = replies.flatMap((r) => parseProbeMatches(r.data));
      if (matches.length === 0) {
        if (replies.length > 0)
          target.facts.notes.push(`ws-discovery: unreadable reply ${excerpt(replies[0]?.data ?? '', 120)}`);
        continue;
      }
      target.facts.udp.wsd = excerpt(replies[0]?.data ?? '', 400);
      for (const m of matches) await takeMatch(target, ctx, m);
      return;
    }
  },
};

async function takeMatch(
  target: Target,
  ctx: Parameters<AuditCheck['check']>[1],
  m: ReturnType<typeof parseProbeMatches>[number],
) {
  const hint = `${scopeValue(m.scopes, 'name') ?? ''} ${scopeValue(m.scopes, 'hardware') ?? ''}`;
  if (target.facts.vendor === 'unknown') target.facts.vendor = vendorFromText(hint);
  target.facts.model ??= scopeValue(m.scopes, 'hardware');
  for (const xaddr of m.xaddrs) {
    try {
      const { url } = await ctx.scope.checkUrl(xaddr, 'ONVIF XAddr');
      if (url.protocol === 'http:' && !target.facts.onvifUrls.includes(url.toString()))
        target.facts.onvifUrls.push(url.toString());
    } catch (err) {
      target.facts.notes.push(
        `ws-discovery: XAddr dropped (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }
}
