import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { searchEvents } from '../events/queries';
import { type ArrivingEvent, onEventsArriving } from '../events/subscribers';
import { logSources, unknownSenders } from '../schema';
import { IngestPipeline } from './pipeline';
import { type Receiver, startDatagramReceiver, startStreamReceiver } from './receivers';
import { SourceDirectory } from './source-directory';

const run = promisify(execFile);
let t: TestApp;
let pipeline: IngestPipeline;
let directory: SourceDirectory;
const receivers: Receiver[] = [];
/** Events the arrival listener was told are durable (their block has its id). */
const seen: ArrivingEvent[] = [];
let unsubscribe: () => void;
const hasLogger = fs.existsSync('/usr/bin/logger');

beforeAll(async () => {
  t = await createTestApp();
  await t.db
    .insert(logSources)
    .values({ unitId: t.root.id, name: 'loopback', kind: 'syslog', cidr: '127.0.0.1/32' });
  directory = new SourceDirectory(t.db);
  await directory.reload();
  pipeline = new IngestPipeline({ db: t.db, log: t.sys.log, directory, batchSize: 50, flushMs: 20 });
  const arrived: ArrivingEvent[] = [];
  unsubscribe = onEventsArriving({
    arrived: (event) => arrived.push(event),
    durable: (blocks) => {
      for (const event of arrived.splice(0))
        if (blocks.includes(event.block) && event.block.id !== undefined) seen.push(event);
        else arrived.push(event);
    },
  });
});
afterAll(async () => {
  unsubscribe();
  for (const r of receivers) await r.close();
  await pipeline.close();
  await t.close();
});

async function storedWith(marker: string, n: number) {
  for (let i = 0; i < 200; i++) {
    await pipeline.flush();
    const all = await searchEvents(t.db, { scopePath: null, text: marker }, 100_000, 0, 'asc');
    const rows = all.sort((a, b) => Number(a.id) - Number(b.id)).filter((e) => e.message.includes(marker));
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`fewer than ${n} events with ${marker} were stored`);
}

async function stream(options: Partial<Parameters<typeof startStreamReceiver>[0]> = {}) {
  const r = await startStreamReceiver({ host: '127.0.0.1', port: 0, pipeline, ...options });
  receivers.push(r);
  return r;
}

describe.skipIf(!hasLogger)('syslog receivers with util-linux logger on loopback', () => {
  for (const [framing, flags] of [
    ['octet counting, RFC 5424', ['--octet-count', '--rfc5424']],
    ['LF framing, RFC 3164', ['--rfc3164']],
  ] as const) {
    it(`TCP, ${framing}`, async () => {
      const r = await stream();
      const marker = `tcp-${flags.length}-${Date.now()}`;
      const args = [
        '--server',
        '127.0.0.1',
        '--port',
        String(r.port),
        '--tcp',
        ...flags,
        '-t',
        'app',
        '--id=77',
      ];
      await run('logger', [...args, `${marker} Đăng nhập thất bại one`]);
      await run('logger', [...args, `${marker} two`]);
      const rows = await storedWith(marker, 2);
      expect(rows[0]).toMatchObject({
        app: 'app',
        unitId: t.root.id,
        senderIp: '127.0.0.1',
        parseError: null,
      });
      expect(rows[0]!.message).toBe(`${marker} Đăng nhập thất bại one`);
      expect(rows[0]!.format).toBe(
        (flags as readonly string[]).includes('--rfc5424') ? 'rfc5424' : 'rfc3164',
      );
      expect(seen.some((e) => e.message === `${marker} two`)).toBe(true);
    });
  }

  it('UDP, RFC 5424 with structured data', async () => {
    const r = await startDatagramReceiver({ host: '127.0.0.1', port: 0, pipeline });
    receivers.push(r);
    const marker = `udp-${Date.now()}`;
    await run('logger', [
      '--server',
      '127.0.0.1',
      '--port',
      String(r.port),
      '--udp',
      '--rfc5424',
      '--sd-id',
      'x@1',
      '--sd-param',
      'k="v"',
      marker,
    ]);
    const [row] = await storedWith(marker, 1);
    expect(row!.fields).toMatchObject({ 'sd.x@1.k': 'v' });
    expect(r.stats).toMatchObject({ received: 1, stored: 1, dropped: 0 });
  });
});

describe('stream receivers', () => {
  it('TLS with a self-signed certificate made for this test (octet counting)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-tls-'));
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      path.join(dir, 'k.pem'),
      '-out',
      path.join(dir, 'c.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ]);
    const cert = fs.readFileSync(path.join(dir, 'c.pem'));
    const r = await stream({ tls: { key: fs.readFileSync(path.join(dir, 'k.pem')), cert } });
    const marker = `tls-${Date.now()}`;
    const msg = `<38>1 2026-03-15T10:00:00+07:00 web01 sshd 9 - - Failed password for root from 198.51.100.7 port 4242 ssh2 ${marker}`;
    const socket = tls.connect({ host: '127.0.0.1', port: r.port, ca: cert, servername: 'localhost' });
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    socket.end(`${Buffer.byteLength(msg)} ${msg}`);
    const [row] = await storedWith(marker, 1);
    expect(row).toMatchObject({ host: 'web01', format: 'sshd' });
    expect(row!.fields).toMatchObject({ src_ip: '198.51.100.7', outcome: 'failure' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts and records unknown senders without storing their events', async () => {
    const r = await startStreamReceiver({ host: '127.0.0.2', port: 0, pipeline });
    receivers.push(r);
    const { connect } = await import('node:net');
    const marker = `unknown-${Date.now()}`;
    await new Promise<void>((resolve) => {
      const s = connect({ host: '127.0.0.2', port: r.port, localAddress: '127.0.0.2' }, () =>
        s.end(`<13>${marker}\n<13>${marker}\n`, resolve),
      );
    });
    for (let i = 0; i < 100 && r.stats.unknownSender < 2; i++) await new Promise((x) => setTimeout(x, 20));
    await pipeline.flush();
    expect(r.stats.unknownSender).toBe(2);
    const [hit] = await t.db.select().from(unknownSenders);
    expect(hit).toMatchObject({ address: '127.0.0.2', count: 2, transport: 'tcp' });
    expect(await searchEvents(t.db, { scopePath: null, text: marker }, 10, 0, 'asc')).toEqual([]);
  });
});
