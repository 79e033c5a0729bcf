import type dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from './errors.js';

/**
 * The network scope guard. Every socket the camera audit opens goes through this object: it resolves the
 * target, checks the address against the unit's registered scope (CIDR ranges + host list) and refuses
 * anything else *before* the socket is created, so that a refused address never sees a SYN or a datagram.
 * Addresses that a device names in its replies (ONVIF XAddrs, HTTP Location, RTSP Content-Base) go
 * through `checkUrl` before they are followed.
 *
 * Host names in the host list are resolved once when the scope is built and the addresses are pinned:
 * later checks compare IP addresses only, so a DNS answer that changes mid-run cannot widen the scope.
 */
export type NetScopeSpec = {
  cidrs: string[];
  hosts: string[];
  /** Multicast discovery groups (WS-Discovery, SADP, DHIP) may be sent to; replies are still filtered. */
  allowMulticastDiscovery?: boolean;
};

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** The only multicast destinations the audit ever sends to (CAMERAS.md §1, §2.1). */
export const DISCOVERY_GROUPS: ReadonlyArray<{ address: string; port: number }> = [
  { address: '239.255.255.250', port: 3702 },
  { address: '239.255.255.250', port: 37020 },
  { address: '239.255.255.251', port: 37810 },
];

/** Largest number of addresses `expand` enumerates (a /16); bigger scopes must be split. */
export const MAX_EXPANDED_ADDRESSES = 65_536;

export class NetScope {
  private constructor(
    private readonly ranges: Range[],
    private readonly pinned: Set<string>,
    readonly spec: NetScopeSpec,
  ) {}

  /** Builds a scope; resolves host names once (a name that does not resolve is an error, not ignored). */
  static async create(spec: NetScopeSpec): Promise<NetScope> {
    const ranges: Range[] = [];
    for (const cidr of spec.cidrs) ranges.push(parseRange(cidr));
    const pinned = new Set<string>();
    for (const host of spec.hosts) {
      const trimmed = host.trim();
      if (ipaddr.isValid(trimmed)) {
        pinned.add(normalise(trimmed));
        continue;
      }
      const found = await lookup(trimmed, { all: true }).catch(() => []);
      if (found.length === 0) throw new AppError('NET_SCOPE_INVALID', { entry: trimmed });
      for (const a of found) pinned.add(normalise(a.address));
    }
    return new NetScope(ranges, pinned, spec);
  }

  /** True when an IP address (v4, v6 or v4-mapped v6) is inside the scope. */
  allows(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    const ip = ipaddr.process(address);
    if (this.pinned.has(ip.toString())) return true;
    return this.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
  }

  /** Throws NET_SCOPE_REFUSED (vi + en) for an address outside the scope. */
  assertAllowed(address: string, reason: string): void {
    if (!this.allows(address)) throw new AppError('NET_SCOPE_REFUSED', { address, reason });
  }

  /**
   * Resolves a host (IP literal or name) to one in-scope address. A name is resolved and every answer
   * is checked; the first allowed address is returned and is the one the caller must connect to.
   */
  async resolve(host: string, reason: string): Promise<string> {
    const bare = host.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(bare)) {
      this.assertAllowed(bare, reason);
      return normalise(bare);
    }
    const found = await lookup(bare, { all: true }).catch(() => []);
    const ok = found.map((a) => normalise(a.address)).find((a) => this.allows(a));
    if (!ok) throw new AppError('NET_SCOPE_REFUSED', { address: bare, reason });
    return ok;
  }

  /** Checks a URL a device handed us (XAddr, Location, Content-Base); returns the address to use. */
  async checkUrl(url: string, reason: string): Promise<{ url: URL; address: string; port: number }> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('NET_SCOPE_REFUSED', { address: url.slice(0, 200), reason });
    }
    const address = await this.resolve(parsed.hostname, reason);
    return { url: parsed, address, port: Number(parsed.port) || defaultPort(parsed.protocol) };
  }

  /** Opens a TCP connection only after the scope check; rejects on timeout, abort or refusal. */
  async connectTcp(
    host: string,
    port: number,
    opts: { timeoutMs: number; signal?: AbortSignal; reason: string },
  ): Promise<net.Socket> {
    const address = await this.resolve(host, opts.reason);
    opts.signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address, port });
      const fail = (err: Error) => {
        cleanup();
        socket.destroy();
        reject(err);
      };
      const timer = setTimeout(() => fail(new Error(`connect timeout ${address}:${port}`)), opts.timeoutMs);
      const onAbort = () => fail(new Error('aborted'));
      const cleanup = () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        socket.off('error', fail);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', fail);
      socket.once('connect', () => {
        cleanup();
        resolve(socket);
      });
    });
  }

  /** Sends one UDP datagram after the scope check (or to an allowed discovery group). */
  async sendUdp(socket: dgram.Socket, message: Buffer, port: number, host: string, reason: string) {
    const address = this.isAllowedGroup(host, port) ? host : await this.resolve(host, reason);
    await new Promise<void>((resolve, reject) =>
      socket.send(message, port, address, (err) => (err ? reject(err) : resolve())),
    );
  }

  /**
   * Connects a UDP socket to one in-scope address (so that an ICMP port-unreachable ends the wait
   * early); returns the address connected to.
   */
  async connectUdp(socket: dgram.Socket, port: number, host: string, reason: string): Promise<string> {
    const address = await this.resolve(host, reason);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return address;
  }

  private isAllowedGroup(host: string, port: number): boolean {
    return (
      this.spec.allowMulticastDiscovery === true &&
      DISCOVERY_GROUPS.some((g) => g.address === host && g.port === port)
    );
  }

  /** Every IPv4 address of the scope (network and broadcast addresses of ranges wider than /31 left out). */
  expand(): string[] {
    const out = new Set<string>(this.pinned);
    for (const [base, bits] of this.ranges) {
      if (base.kind() !== 'ipv4') continue;
      const size = 2 ** (32 - bits);
      if (size + out.size > MAX_EXPANDED_ADDRESSES) {
        throw new AppError('NET_SCOPE_TOO_LARGE', { max: MAX_EXPANDED_ADDRESSES });
      }
      const start = toInt(base as ipaddr.IPv4);
      const [first, last] = size > 2 ? [1, size - 2] : [0, size - 1];
      for (let i = first; i <= last; i++) out.add(fromInt(start + i));
    }
    return [...out].filter((a) => ipaddr.parse(a).kind() === 'ipv4');
  }
}

function parseRange(cidr: string): Range {
  const text = cidr.trim();
  try {
    if (text.includes('/')) {
      const [ip, bits] = ipaddr.parseCIDR(text);
      return [networkOf(ip, bits), bits];
    }
    const ip = ipaddr.process(text);
    return [ip, ip.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new AppError('NET_SCOPE_INVALID', { entry: text });
  }
}

function networkOf(ip: ipaddr.IPv4 | ipaddr.IPv6, bits: number): ipaddr.IPv4 | ipaddr.IPv6 {
  if (ip.kind() !== 'ipv4') return ip;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ipaddr.parse(fromInt((toInt(ip as ipaddr.IPv4) & mask) >>> 0)) as ipaddr.IPv4;
}

function normalise(address: string): string {
  return ipaddr.process(address).toString();
}

function toInt(ip: ipaddr.IPv4): number {
  return ip.octets.reduce((acc, o) => acc * 256 + o, 0);
}

function fromInt(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function defaultPort(protocol: string): number {
  return (
    ({ 'http:': 80, 'https:': 443, 'rtsp:': 554, 'rtsps:': 322 } as Record<string, number>)[protocol] ?? 0
  );
}
