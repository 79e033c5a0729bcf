import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** A network as the source directory keeps it: its (masked) network address and prefix length. */
export type Network = { address: ipaddr.IPv4 | ipaddr.IPv6; prefix: number };

/** A dual-stack socket reports IPv4 senders as `::ffff:a.b.c.d`: compare them as IPv4. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** Only the standard spellings (dotted quad, RFC 4291 text): node:net refuses the legacy `10.1` forms. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const ip = normaliseAddress(text);
  return net.isIP(ip) ? ipaddr.parse(ip) : null;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); null when invalid. */
export function parseNetwork(text: string): Network | null {
  const [addressText = '', prefixText] = text.trim().split('/');
  const address = parseAddress(addressText);
  if (!address) return null;
  const width = address.kind() === 'ipv6' ? 128 : 32;
  if (prefixText !== undefined && !/^\d+$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return null;
  const cidr = `${address.toString()}/${prefix}`;
  const base =
    address.kind() === 'ipv6'
      ? ipaddr.IPv6.networkAddressFromCIDR(cidr)
      : ipaddr.IPv4.networkAddressFromCIDR(cidr);
  return { address: base, prefix };
}

export function networkContains(network: Network, address: string): boolean {
  const ip = parseAddress(address);
  if (!ip || ip.kind() !== network.address.kind()) return false;
  return ip.match(network.address, network.prefix);
}

/** The canonical text of a network (`10.1.2.3/24` becomes `10.1.2.0/24`), for uniqueness. */
export function formatNetwork(text: string): string | null {
  const n = parseNetwork(text);
  if (!n) return null;
  // Uncompressed IPv6 groups: one spelling per network, which is all uniqueness needs.
  const address =
    n.address.kind() === 'ipv6' ? (n.address as ipaddr.IPv6).toNormalizedString() : n.address.toString();
  return `${address}/${n.prefix}`;
}
