import ipaddr from 'ipaddr.js';

/**
 * The rules for a unit's scan scope, as pure functions. Ranges are bounded so that a typo cannot
 * register a province-wide sweep: IPv4 /16 or narrower (65,536 addresses), IPv6 /112 or narrower.
 * Host entries are addresses, never names: a DNS name can be repointed outside the scope after an admin
 * approved it. Loopback stays allowed (the test fleet and the simulator live there).
 */
export const MIN_PREFIX = { ipv4: 16, ipv6: 112 } as const;
const REFUSED_RANGES = new Set(['unspecified', 'broadcast', 'multicast']);

export type ScopeProblem = { entry: string; reason: { vi: string; en: string } };

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(text)) return null;
  const parsed = ipaddr.parse(text);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
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

/** True when the address lies in one of the ranges or is one of the hosts. */
export function addressInScope(
  scope: { cidrs: readonly string[]; hosts: readonly string[] },
  address: string,
): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  if (scope.hosts.includes(parsed.toString())) return true;
  return scope.cidrs.some((cidr) => {
    const range = ipaddr.parseCIDR(cidr);
    return range[0].kind() === parsed.kind() && parsed.match(range as never);
  });
}
