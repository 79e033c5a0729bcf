import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage } from './errors.js';
import { NetScope } from './net-scope.js';

/** Servers outside the scope count what reaches them: a refused address must see nothing at all. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function tcpWitness(address: string) {
  let connections = 0;
  const server = net.createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, address, () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as net.AddressInfo).port, connections: () => connections };
}

async function udpWitness(address: string) {
  let datagrams = 0;
  const socket = dgram.createSocket('udp4');
  socket.on('message', () => datagrams++);
  await new Promise<void>((r) => socket.bind(0, address, () => r()));
  cleanups.push(() => {
    socket.close();
  });
  return { port: socket.address().port, datagrams: () => datagrams };
}

describe('NetScope', () => {
  it('allows addresses inside the CIDRs and pinned hosts, refuses the rest', async () => {
    const scope = await NetScope.create({
      cidrs: ['127.0.1.0/24', '198.18.0.0/15'],
      hosts: ['127.0.0.5', 'localhost'],
    });
    expect(scope.allows('127.0.1.77')).toBe(true);
    expect(scope.allows('198.19.255.254')).toBe(true);
    expect(scope.allows('127.0.0.5')).toBe(true);
    expect(scope.allows('127.0.0.1')).toBe(true); // localhost, pinned at creation
    expect(scope.allows('::ffff:127.0.1.3')).toBe(true); // v4-mapped v6 is the same address
    expect(scope.allows('127.0.2.1')).toBe(false);
    expect(scope.allows('198.20.0.1')).toBe(false);
    expect(scope.allows('not an ip')).toBe(false);
  });

  it('rejects a malformed scope entry with a bilingual error', async () => {
    await expect(NetScope.create({ cidrs: ['10.0.0.0/33'], hosts: [] })).rejects.toMatchObject({
      code: 'NET_SCOPE_INVALID',
    });
    await expect(NetScope.create({ cidrs: ['127.0.1.x/24'], hosts: [] })).rejects.toMatchObject({
      code: 'NET_SCOPE_INVALID',
    });
  });

  it('expands a range without network and broadcast addresses, and refuses a huge one', async () => {
    const scope = await NetScope.create({ cidrs: ['127.0.1.0/30', '127.0.1.9/32'], hosts: [] });
    expect(scope.expand().sort()).toEqual(['127.0.1.1', '127.0.1.2', '127.0.1.9']);
    const big = await NetScope.create({ cidrs: ['10.0.0.0/8'], hosts: [] });
    expect(() => big.expand()).toThrow(expect.objectContaining({ code: 'NET_SCOPE_TOO_LARGE' }));
  });

  it('never opens a TCP connection to an address outside the scope', async () => {
    const outside = await tcpWitness('127.0.0.1');
    const scope = await NetScope.create({ cidrs: ['127.0.1.0/24'], hosts: [] });
    const err = await scope
      .connectTcp('127.0.0.1', outside.port, { timeoutMs: 1000, reason: 'test' })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'NET_SCOPE_REFUSED' });
    expect(formatMessage('NET_SCOPE_REFUSED', 'vi', err.params)).toContain('nằm ngoài phạm vi');
    expect(formatMessage('NET_SCOPE_REFUSED', 'en', err.params)).toContain('outside');
    // By name too: "localhost" resolves to 127.0.0.1, which is outside.
    await expect(
      scope.connectTcp('localhost', outside.port, { timeoutMs: 1000, reason: 'test' }),
    ).rejects.toMatchObject({
      code: 'NET_SCOPE_REFUSED',
    });
    expect(outside.connections()).toBe(0);
  });

  it('connects inside the scope (the witness sees exactly one connection)', async () => {
    const inside = await tcpWitness('127.0.1.40');
    const scope = await NetScope.create({ cidrs: ['127.0.1.0/24'], hosts: [] });
    const s = await scope.connectTcp('127.0.1.40', inside.port, { timeoutMs: 1000, reason: 'test' });
    s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(inside.connections()).toBe(1);
  });

  it('never sends a datagram outside the scope, connected or not', async () => {
    const outside = await udpWitness('127.0.0.1');
    const scope = await NetScope.create({ cidrs: ['127.0.1.0/24'], hosts: [] });
    const socket = dgram.createSocket('udp4');
    cleanups.push(() => {
      socket.close();
    });
    await new Promise<void>((r) => socket.bind(0, () => r()));
    await expect(
      scope.sendUdp(socket, Buffer.from('x'), outside.port, '127.0.0.1', 'test'),
    ).rejects.toMatchObject({
      code: 'NET_SCOPE_REFUSED',
    });
    await expect(scope.connectUdp(socket, outside.port, '127.0.0.1', 'test')).rejects.toMatchObject({
      code: 'NET_SCOPE_REFUSED',
    });
    // Multicast groups are refused unless discovery multicast is allowed for the run.
    await expect(
      scope.sendUdp(socket, Buffer.from('x'), 3702, '239.255.255.250', 'test'),
    ).rejects.toMatchObject({
      code: 'NET_SCOPE_REFUSED',
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(outside.datagrams()).toBe(0);
  });

  it('checks addresses a device names in its replies (XAddrs, Location, Content-Base)', async () => {
    const scope = await NetScope.create({ cidrs: ['127.0.1.0/24'], hosts: [] });
    await expect(
      scope.checkUrl('http://127.0.1.5:8899/onvif/device_service', 'XAddr'),
    ).resolves.toMatchObject({
      address: '127.0.1.5',
      port: 8899,
    });
    await expect(scope.checkUrl('rtsp://127.0.1.5/live', 'Content-Base')).resolves.toMatchObject({
      port: 554,
    });
    for (const bad of [
      'http://127.0.0.1/',
      'http://[::1]:80/',
      'http://localhost/',
      'http://8.8.8.8/',
      '::garbage::',
    ]) {
      await expect(scope.checkUrl(bad, 'Location')).rejects.toMatchObject({ code: 'NET_SCOPE_REFUSED' });
    }
  });
});
