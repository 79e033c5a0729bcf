import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, signIn, type TestApp } from '../../../test/app';
import { onPostgres } from '../../../test/database';
import { systemCtx } from '../../core/context';
import { createLogger } from '../../core/log';
import { type Database, openDatabase } from '../../db/client';
import { onJobsQueued } from '../../jobs/wake';
import { startJobWorker } from '../../jobs/worker';
import { closeSenders, createChannel } from '../../notify/channels-service';
import { queueDelivery } from '../../notify/delivery';
import { findChannel } from '../../notify/queries';
import { startHttpPeer } from '../../notify/test-peers';
import { raiseAlert } from './service';

/**
 * Two nodes on one PostgreSQL. Node B is the real HTTP app (its SSE stream, its LISTEN session, its job
 * worker); node A is a second pool on the same database with no app and no bus, as a second server
 * (or the CLI) is to B. Both live in this one process, so A has no bus: with one, A's own listener
 * would feed the process-wide subscriber list and prove nothing about B's.
 */
describe.skipIf(!onPostgres)('several nodes on one PostgreSQL (LISTEN/NOTIFY)', () => {
  let nodeB: TestApp;
  let nodeA: Database;
  let port = 0;

  beforeAll(async () => {
    nodeB = await createTestApp();
    await nodeB.app.listen({ host: '127.0.0.1', port: 0 });
    port = (nodeB.app.server.address() as AddressInfo).port;
    nodeA = await openDatabase({ databaseUrl: nodeB.database.url, poolSize: 2 });
  });
  afterAll(async () => {
    closeSenders();
    await nodeA?.close();
    await nodeB?.close();
  });

  it('an alert raised on node A reaches an SSE client of node B', { timeout: 30_000 }, async () => {
    const admin = await signIn(nodeB.app, 'admin', ADMIN_PASSWORD);
    let ready: () => void = () => undefined;
    const subscribed = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/watch/alerts/stream?limit=1',
          headers: { cookie: admin.cookie, accept: 'text/event-stream' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            // Raise only once B's stream is subscribed.
            if (text.includes('event: ready') && !text.includes('event: alert')) ready();
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    await subscribed;
    const sysA = systemCtx(nodeA.db, createLogger('silent'), 'node-a');
    const { alert } = await raiseAlert(sysA, {
      unitId: nodeB.root.id,
      ruleId: 'multi-node',
      ruleTitle: 'Raised on node A',
      ruleAuthor: 'Tester',
      level: 'high',
    });
    const text = await received;
    const data = JSON.parse(text.split('event: alert\ndata: ')[1]!.split('\n')[0]!);
    expect(data).toMatchObject({ type: 'raised', alert: { id: alert.id, ruleAuthor: 'Tester' } });
  });

  it('a delivery queued on node A wakes node B’s job worker', { timeout: 30_000 }, async () => {
    const peer = await startHttpPeer(() => ({ status: 200 }));
    const channel = await createChannel(nodeB.sys, {
      unitId: nodeB.root.id,
      kind: 'webhook',
      name: 'hook',
      enabled: true,
      settings: { url: `${peer.url}/hook` },
    });
    let wakes = 0;
    const stopCounting = onJobsQueued(() => wakes++);
    // An hour between polls: only a wake can make this worker send within the test.
    const worker = startJobWorker({ db: nodeB.db, log: createLogger('silent'), pollMs: 3_600_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = wakes;
      const sysA = systemCtx(nodeA.db, createLogger('silent'), 'node-a');
      const row = (await findChannel(nodeA.db, channel.id))!.channel;
      // queueDelivery wakes nobody in-process: the only wake can come through B's LISTEN session.
      await queueDelivery(sysA, {
        channel: row,
        unitId: nodeB.root.id,
        message: { to: '', subject: 'from node A', text: 'x' },
        purpose: 'test',
      });
      while (peer.hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(wakes).toBeGreaterThan(before);
      expect(JSON.parse(peer.hits[0]!.body)).toMatchObject({ subject: 'from node A' });
    } finally {
      stopCounting();
      await worker.stop();
      await peer.close();
    }
  });
});

describe.skipIf(onPostgres)('several nodes', () => {
  it('skips: set CANHGAC_TEST_DATABASE_URL to run the two-node test on PostgreSQL', () => {
    expect(onPostgres).toBe(false);
  });
});
