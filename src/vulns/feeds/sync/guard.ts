import { lookup } from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import { AppError } from '../../../core/errors';

/**
 * Where the feed sync may connect. Checked at the socket, for every connection undici opens (redirects
 * included): the host must be one the administrator configured (a source's base URL or the proxy), its
 * name is resolved here, every address is checked, and the socket goes to that checked address, so a DNS
 * answer cannot change between the check and the connect. A refused destination never sees a SYN.
 */
export type DestinationPolicy = {
  /** Host names (lower case) and IP literals of the configured base URLs and proxy. */
  hosts: ReadonlySet<string>;
  /** A reason when the resolved address is refused, else undefined. */
  refuseAddress(address: string, host: string): string | undefined;
};

/** Host of a URL as undici and the policy compare it: lower case, IPv6 without brackets. */
export function hostOf(url: string | URL): string {
  return (typeof url === 'string' ? new URL(url) : url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

const NEVER = new Set(['unspecified', 'multicast', 'broadcast', 'reserved']);

/**
 * The production rule for resolved addresses. A mirror inside the office network (private range) is
 * fine, but a public name that resolves to link-local (169.254.169.254, a cloud metadata service),
 * loopback or an unusable address is a DNS trick, not a configured destination. Loopback is allowed
 * when the administrator wrote it (127.0.0.1, ::1, localhost).
 */
export function refuseSpecialAddress(address: string, host: string): string | undefined {
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (NEVER.has(range)) return range;
  const written = ipaddr.isValid(host) || host === 'localhost';
  if ((range === 'linkLocal' || range === 'loopback') && !written) return `${range} address for a name`;
  return undefined;
}

/** Tests and benchmarks: only loopback, whatever the configuration says (the project's network rule). */
export function loopbackOnly(address: string): string | undefined {
  return ipaddr.process(address).range() === 'loopback' ? undefined : 'tests reach loopback only';
}

/** Resolves a configured host and returns the first allowed address; throws a catalogued refusal. */
export async function checkDestination(policy: DestinationPolicy, hostname: string): Promise<string> {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!policy.hosts.has(host)) throw new AppError('FEED_SYNC_HOST_NOT_CONFIGURED', { host });
  const addresses = net.isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) {
    throw new AppError('FEED_SYNC_ADDRESS_REFUSED', { host, address: '-', reason: 'no DNS answer' });
  }
  let refusal = '';
  for (const address of addresses) {
    const reason = policy.refuseAddress(address, host);
    if (reason === undefined) return address;
    refusal ||= reason;
  }
  throw new AppError('FEED_SYNC_ADDRESS_REFUSED', { host, address: addresses.join(', '), reason: refusal });
}

/**
 * An undici connector that checks the destination first, then connects to the checked address. The
 * original host name stays in `host`, so TLS still sends it as SNI and checks the certificate against it.
 */
export function guardedConnector(
  policy: DestinationPolicy,
  options: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connect = buildConnector(options);
  return (opts, callback) => {
    checkDestination(policy, opts.hostname).then(
      (address) => connect({ ...opts, hostname: address }, callback),
      (error: Error) => callback(error, null),
    );
  };
}
