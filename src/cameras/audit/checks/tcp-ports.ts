import type { AuditCheck, PortPlan } from '../types.js';

/** Port roles of the plan that are TCP (every key holding a list). */
export function tcpRoles(plan: PortPlan): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [role, ports] of Object.entries(plan)) {
    if (Array.isArray(ports)) for (const p of ports) out.push([role, p]);
  }
  return out;
}

/**
 * Discovery by TCP connect on the camera ports of CAMERAS.md §2.6: connect, then close at once (no
 * byte sent). Connections go through the run's limiter (concurrency and rate) and the scope guard.
 */
export const tcpPorts: AuditCheck = {
  id: 'tcp-ports',
  async check(target, ctx) {
    const roles = tcpRoles(ctx.ports);
    const unique = [...new Set(roles.map(([, p]) => p))];
    const open = await Promise.all(
      unique.map((port) =>
        ctx.limiter
          .run(async () => {
            try {
              const s = await ctx.scope.connectTcp(target.address, port, {
                timeoutMs: ctx.limits.connectTimeoutMs,
                signal: ctx.signal,
                reason: 'port discovery',
              });
              s.destroy();
              return port;
            } catch {
              return undefined;
            }
          }, ctx.signal)
          .catch(() => undefined),
      ),
    );
    ctx.sent({
      protocol: 'tcp',
      address: target.address,
      port: 0,
      summary: `connect scan of ${unique.length} ports`,
    });
    target.facts.openTcp = open.filter((p): p is number => p !== undefined).sort((a, b) => a - b);
    target.facts.roles = [
      ...new Set(roles.filter(([, p]) => target.facts.openTcp.includes(p)).map(([r]) => r)),
    ];
  },
};

/** Open ports of a role, in plan order. */
export function openPortsOf(facts: { openTcp: number[] }, plan: PortPlan, role: keyof PortPlan): number[] {
  const list = plan[role];
  return Array.isArray(list) ? list.filter((p) => facts.openTcp.includes(p)) : [];
}
