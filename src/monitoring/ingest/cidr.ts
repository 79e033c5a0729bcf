import net from 'node:net';

export type Network = { v6: boolean; base: bigint; prefix: number };

/** A dual-stack socket reports IPv4 senders as `::ffff:a.b.c.d`: compare them as IPv4. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

function toBigInt(address: string): { v6: boolean; value: bigint } | null {
  const ip = normaliseAddress(address);
  if (net.isIPv4(ip)) {
    return { v6: false, value: ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n) };
  }
  if (!net.isIPv6(ip)) return null;
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  let h = groups(head);
  let t = groups(tail);
  const lastOf = (list: string[]) => list[list.length - 1] ?? '';
  // An embedded IPv4 tail (::ffff:1.2.3.4 outside the mapped range, 64:ff9b::1.2.3.4) is two groups.
  const fix = (list: string[]) => {
    const last = lastOf(list);
    if (!net.isIPv4(last)) return list;
    const n = last.split('.').map(Number) as [number, number, number, number];
    return [...list.slice(0, -1), ((n[0] << 8) | n[1]).toString(16), ((n[2] << 8) | n[3]).toString(16)];
  };
  if (t.length) t = fix(t);
  else h = fix(h);
  const full = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return {
    v6: true,
    value: full.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || '0', 16)), 0n),
  };
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); null when invalid. */
export function parseNetwork(text: string): Network | null {
  const [address = '', prefixText] = text.trim().split('/');
  const ip = toBigInt(address);
  if (!ip) return null;
  const width = ip.v6 ? 128 : 32;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > width ||
    (prefixText !== undefined && !/^\d+$/.test(prefixText))
  ) {
    return null;
  }
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { v6: ip.v6, base: ip.value & mask, prefix };
}

export function networkContains(network: Network, address: string): boolean {
  const ip = toBigInt(address);
  if (!ip || ip.v6 !== network.v6) return false;
  const width = network.v6 ? 128 : 32;
  const mask =
    network.prefix === 0 ? 0n : ((1n << BigInt(network.prefix)) - 1n) << BigInt(width - network.prefix);
  return (ip.value & mask) === network.base;
}

/** The canonical text of a network (`10.1.2.3/24` becomes `10.1.2.0/24`), for uniqueness. */
export function formatNetwork(text: string): string | null {
  const n = parseNetwork(text);
  if (!n) return null;
  if (!n.v6) {
    const parts = [24n, 16n, 8n, 0n].map((s) => String((n.base >> s) & 255n));
    return `${parts.join('.')}/${n.prefix}`;
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n.base >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Uncompressed groups: one spelling per network, which is all uniqueness needs.
  return `${groups.join(':')}/${n.prefix}`;
}
