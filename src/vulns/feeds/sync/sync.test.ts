import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app';
import { AdvisoryServer } from '../../../../test/peers/feeds/advisory-server';
import { findJobKind } from '../../../jobs/registry';
import { advisoryDocuments, nationalAlerts } from '../../schema';
import { ADVISORIES } from '../test-support';
import { FEEDS_SYNC } from './names';
import { type FeedSyncOptions, runFeedSync } from './run';
import { feedSyncLog } from './schema';
import { listFeedSyncLog } from './service';
import { updateFeedSyncSettings } from './settings';
import { enableSync, TEST_NETWORK } from './test-support';

const hasFixtures = fs.existsSync(ADVISORIES);

describe.skipIf(!hasFixtures)(
  'online feed sync against a loopback source server (skipped without ../shared/fixtures/advisories)',
  () => {
    let t: TestApp;
    let server: AdvisoryServer;
    const sync = (sources?: FeedSyncOptions['sources']) =>
      runFeedSync(t.sys, { network: TEST_NETWORK, sources });
    const outcome = (result: Awaited<ReturnType<typeof sync>>, source: string) =>
      result.sources.find((s) => s.source === source)!;
    const documents = (source: string) =>
      t.db
        .select()
        .from(advisoryDocuments)
        .where(eq(advisoryDocuments.source, source as 'kev'));

    beforeEach(async () => {
      t = await createTestApp();
      server = await new AdvisoryServer().start();
    });
    afterEach(async () => {
      await server.close();
      await t.close();
    });

    it('does nothing while off (the default): no socket, no log row; the job skips too', async () => {
      expect(await sync()).toEqual({ skipped: 'disabled', sources: [], rematchQueued: false });
      const job = findJobKind(FEEDS_SYNC)!;
      const result = await job.run(
        {},
        {
          ctx: t.sys,
          log: t.sys.log,
          signal: new AbortController().signal,
          progress: async () => {},
        },
      );
      expect(result).toMatchObject({ skipped: 'disabled' });
      expect(server.connections).toBe(0);
      expect(await t.db.select().from(feedSyncLog)).toHaveLength(0);
    });

    it('imports everything on the first run, then gets "not modified" on the second', async () => {
      await enableSync(t.sys, server.url);
      await updateFeedSyncSettings(t.sys, { nvdApiKey: 'nvd-key-for-tests-123' });
      await t.db.insert(nationalAlerts).values({
        issuer: 'NCSC',
        number: '383/CATTT-NCSC',
        issuedOn: '2023-03-17',
        title: 'Microsoft',
        cves: ['CVE-2023-23397', 'CVE-2023-24880'],
      });
      const first = await sync();
      for (const s of first.sources) expect(s.status, `${s.source}: ${s.error?.en}`).toBe('imported');
      expect(first.rematchQueued).toBe(true);
      expect((await documents('msrc-cvrf')).map((d) => d.documentId).sort()).toEqual([
        '2023-May',
        '2024-Mar',
      ]);
      // Before microsoftSince (2023-01-01): never asked for.
      expect(server.hits('/msrc/cvrf/2016-Apr')).toBe(0);
      expect(await documents('kev')).toHaveLength(1);
      expect(await documents('epss')).toHaveLength(1);
      expect(await documents('msrc-csaf')).toHaveLength(2);
      expect(await documents('cve5')).toHaveLength(2);
      // NVD: three fixture records over two pages, each CVE its own document; the key in its header.
      expect((await documents('nvd')).map((d) => d.documentId).sort()).toEqual([
        'CVE-2021-33044',
        'CVE-2023-23397',
        'CVE-2023-24880',
      ]);
      const nvdCalls = server.requests.filter((r) => r.path.startsWith('/nvd'));
      expect(nvdCalls.map((r) => new URL(r.path, server.url).searchParams.get('startIndex'))).toEqual([
        '0',
        '2',
      ]);
      expect(nvdCalls.every((r) => r.headers.apikey === 'nvd-key-for-tests-123')).toBe(true);
      expect(outcome(first, 'nvd').counts.created).toBe(3);

      const monthHits = server.hits('/msrc/cvrf/2024-Mar');
      const second = await sync();
      expect(outcome(second, 'msrc-cvrf')).toMatchObject({ status: 'unchanged', counts: { notModified: 1 } });
      for (const source of ['kev', 'epss', 'msrc-csaf'] as const) {
        expect(outcome(second, source)).toMatchObject({ status: 'unchanged', counts: { notModified: 1 } });
      }
      expect(outcome(second, 'cve5')).toMatchObject({ status: 'unchanged', counts: { notModified: 2 } });
      expect(server.hits('/msrc/cvrf/2024-Mar')).toBe(monthHits);
      expect(second.rematchQueued).toBe(false);

      const log = await listFeedSyncLog(t.sys, { page: 1, pageSize: 50 });
      expect(log.total).toBe(12);
      // The key never reaches the log.
      expect(JSON.stringify(log)).not.toContain('nvd-key-for-tests-123');
    });

    it('fetches a month again when Microsoft revises it, and updates the stored document', async () => {
      await enableSync(t.sys, server.url, ['msrc-cvrf']);
      await sync();
      server.reviseMonth('2024-Mar', '2024-05-14T07:00:00Z');
      const result = await sync();
      expect(outcome(result, 'msrc-cvrf')).toMatchObject({ status: 'imported', counts: { updated: 1 } });
      const [march] = (await documents('msrc-cvrf')).filter((d) => d.documentId === '2024-Mar');
      expect(march!.releasedAt!.toISOString()).toBe('2024-05-14T07:00:00.000Z');
      // 2023-May did not change: its stored release date answers without a request.
      expect(server.hits('/msrc/cvrf/2023-May')).toBe(1);
    });

    it('retries after a 500 with backoff, and logs both attempts', async () => {
      await enableSync(t.sys, server.url, ['kev']);
      server.fault('/kev.json', { status: 500 }, 1);
      const result = await sync();
      expect(outcome(result, 'kev').status).toBe('imported');
      const [row] = await t.db.select().from(feedSyncLog);
      expect(row!.requests.map((r) => r.status)).toEqual([500, 200]);
    });

    it('a body cut short is a clear error and writes nothing; the next run asks again', async () => {
      await enableSync(t.sys, server.url, ['msrc-cvrf']);
      server.fault('/msrc/cvrf/2024-Mar', { truncate: true }, 3);
      const result = await sync();
      const msrc = outcome(result, 'msrc-cvrf');
      expect(msrc.status).toBe('failed');
      expect(msrc.error!.code).toBe('FEED_SYNC_TRUNCATED');
      expect(msrc.error!.vi).toMatch(/bị cắt ngang.*không có gì được ghi/);
      expect(msrc.error!.en).toMatch(/cut short/);
      expect((await documents('msrc-cvrf')).map((d) => d.documentId)).toEqual(['2023-May']);
      // The index was not remembered, so it is not answered 304: the failed month comes back.
      const again = await sync();
      expect(outcome(again, 'msrc-cvrf')).toMatchObject({ status: 'imported', counts: { created: 1 } });
    });

    it('a source that answers something else than its format fails with the parser message, nothing written', async () => {
      await enableSync(t.sys, server.url, ['kev']);
      server.fault('/kev.json', { redirectTo: '/csaf/changes.csv' }, 1);
      const result = await sync();
      expect(outcome(result, 'kev').error!.code).toBe('FEED_PARSE_FAILED');
      expect(await documents('kev')).toHaveLength(0);
    });

    it('refuses a non-loopback base URL before any socket connects (test policy)', async () => {
      await enableSync(t.sys, server.url, ['kev']);
      await updateFeedSyncSettings(t.sys, {
        sources: { kev: { baseUrl: 'http://198.51.100.7:9/kev.json' } },
      });
      // Tripwire: should the guard ever regress, the test fails here instead of sending a SYN off loopback.
      const foreign: string[] = [];
      const original = net.Socket.prototype.connect;
      net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        // net.connect() hands Socket#connect its normalised arguments as one array.
        const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
        const first = list[0] as { host?: string } | number | string;
        const host = typeof first === 'object' && first !== null ? first.host : list[1];
        if (typeof host === 'string' && !/^(127\.|::1$|localhost$)/.test(host)) {
          foreign.push(host);
          throw new Error(`test tripwire: connect to ${host}`);
        }
        return original.apply(this, args as Parameters<typeof original>);
      } as typeof original;
      let result: Awaited<ReturnType<typeof sync>>;
      try {
        result = await sync();
      } finally {
        net.Socket.prototype.connect = original;
      }
      expect(foreign).toEqual([]);
      expect(outcome(result, 'kev').error).toMatchObject({ code: 'FEED_SYNC_ADDRESS_REFUSED' });
      const [row] = await t.db.select().from(feedSyncLog);
      expect(row!.requests).toEqual([
        {
          url: 'http://198.51.100.7:9/kev.json',
          attempt: 1,
          status: null,
          bytes: 0,
          error: 'FEED_SYNC_ADDRESS_REFUSED',
        },
      ]);
    });

    it('refuses a redirect to a host nobody configured (production policy), which sees no connection', async () => {
      const other = http.createServer((_req, res) => res.end('{}'));
      let connections = 0;
      other.on('connection', () => {
        connections += 1;
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
      try {
        await enableSync(t.sys, server.url, ['kev']);
        const port = (other.address() as AddressInfo).port;
        server.fault('/kev.json', { redirectTo: `http://127.0.0.2:${port}/kev.json` }, 1);
        const result = await runFeedSync(t.sys, {
          network: { ...TEST_NETWORK, refuseAddress: () => undefined },
        });
        expect(outcome(result, 'kev').error).toMatchObject({ code: 'FEED_SYNC_HOST_NOT_CONFIGURED' });
        expect(connections).toBe(0);
      } finally {
        await new Promise((resolve) => other.close(resolve));
      }
    });
  },
);
