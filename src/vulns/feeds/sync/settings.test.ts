import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, signIn, type TestApp } from '../../../../test/app';
import { auditLog } from '../../../core/schema';
import { feedSyncSettings } from './schema';

describe('online feed sync settings (admin, API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are off by default, seal the NVD key, never answer or audit it, and refuse a bad cron', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const initial = (await admin.request('GET', '/api/feeds/sync/settings')).json();
    expect(initial).toMatchObject({ enabled: false, hasNvdApiKey: false, updatedAt: null });
    expect(initial.sources.kev.baseUrl).toMatch(/^https:\/\/www\.cisa\.gov\//);

    expect((await admin.request('POST', '/api/feeds/sync', {})).json().code).toBe('FEED_SYNC_DISABLED');

    const saved = await admin.request('PUT', '/api/feeds/sync/settings', {
      nvdApiKey: 'secret-nvd-key-0001',
      sources: { nvd: { enabled: true } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain('secret-nvd-key-0001');
    expect(saved.json()).toMatchObject({ hasNvdApiKey: true, sources: { nvd: { enabled: true } } });
    const [row] = await t.db.select().from(feedSyncSettings);
    expect(row!.sealedSecrets).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain('secret-nvd-key-0001');
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain('secret-nvd-key-0001');

    const badCron = await admin.request('PUT', '/api/feeds/sync/settings', { cron: '99 99 * * * *' });
    expect(badCron.json().code).toBe('FEED_SYNC_SETTINGS_INVALID');
    const badUrl = await admin.request('PUT', '/api/feeds/sync/settings', {
      sources: { kev: { baseUrl: 'ftp://example.org/kev.json' } },
    });
    expect(badUrl.statusCode).toBe(400);

    const on = await admin.request('PUT', '/api/feeds/sync/settings', { enabled: true });
    expect(on.json()).toMatchObject({ enabled: true, hasNvdApiKey: true });
    const queued = await admin.request('POST', '/api/feeds/sync', { sources: ['kev'] });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ kind: 'feeds.sync', status: 'queued' });
    const schedules = (await admin.request('GET', '/api/jobs/schedules')).json().items;
    expect(schedules.find((s: { name: string }) => s.name === 'feeds.sync.scheduled')).toMatchObject({
      enabled: true,
      cron: '30 3 * * *',
    });
  });
});
