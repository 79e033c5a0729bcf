import ipaddr from 'ipaddr.js';

/**
 * The rules for a unit's scan scope, as pure functions. Ranges are bounded so that a typo cannot
 * register a province-wide sweep: IPv4 /16 or narrower (65,536 addresses), IPv6 /112 or narrower.
 * Host entries are addresses, never names: a DNS name can be repointed outside the scope after an admin
 * approved it. Loopback stays allowed (the test fleet and the simulator live there).
 *
 * These rules only say what may be registered. Whether an address is inside a registered scope is
 * decided in one place, NetScope (core/net-scope), the guard every audit socket goes through.
 */
export const MIN_PREFIX = { ipv4: 16, ipv6: 112 } as const;
const REFUSED_RANGES = new Set(['unspecified', 'broadcast', 'multicast']);

export type ScopeProblem = { entry: string; reason: { vi: string; en: string } };

/** An IP address, v4-mapped IPv6 read as IPv4 (the same reading as the socket guard's, core/net-scope). */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  return ipaddr.isValid(text) ? ipaddr.process(text) : null;
}

/** A CIDR in canonical form ("10.0.0.0/24"), or the problem with it. */
export function normaliseCidr(entry: string): { cidr: string } | ScopeProblem {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(entry.trim());
  } catch {
    return {
      entry,
      reason: { vi: 'không phải dải CIDR (ví dụ 10.20.0.0/24)', en: 'not a CIDR range (e.g. 10.20.0.0/24)' },
    };
  }
  const [address, prefix] = parsed;
  const kind = address.kind();
  if (prefix < MIN_PREFIX[kind]) {
    const min = MIN_PREFIX[kind];
    return { entry, reason: { vi: `dải quá rộng; tối đa /${min}`, en: `range too wide; at most /${min}` } };
  }
  if (REFUSED_RANGES.has(address.range())) {
    return {
      entry,
      reason: {
        vi: `không được quét dải ${address.range()}`,
        en: `the ${address.range()} range may not be scanned`,
      },
    };
  }
  const network =
    kind === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  if (network.toString() !== address.toString()) {
    const fixed = `${network.toString()}/${prefix}`;
    return {
      entry,
      reason: { vi: `hãy ghi địa chỉ mạng: ${fixed}`, en: `write the network address: ${fixed}` },
    };
  }
  return { cidr: `${network.toString()}/${prefix}` };
}

export function normaliseHost(entry: string): { host: string } | ScopeProblem {
  const address = parseAddress(entry.trim());
  if (!address) {
    return {
      entry,
      reason: {
        vi: 'phải là địa chỉ IP (không nhận tên miền)',
        en: 'must be an IP address (names are not accepted)',
      },
    };
  }
  if (REFUSED_RANGES.has(address.range())) {
    return {
      entry,
      reason: {
        vi: `không được quét địa chỉ ${address.range()}`,
        en: `${address.range()} addresses may not be scanned`,
      },
    };
  }
  return { host: address.toString() };
}
