import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { hasChromium } from './support/environment';
import { ADMIN, browserFlow, rootUnitId } from './support/flow';

/** 60 Windows events over HTTP NDJSON, one a second, user-00 … user-59. */
async function shipEvents(url: string, token: string) {
  const t0 = Date.parse('2026-03-15T03:00:00Z');
  const lines = Array.from({ length: 60 }, (_, i) =>
    JSON.stringify({
      '@timestamp': new Date(t0 + i * 1000).toISOString(),
      host: { name: 'PC-KETOAN' },
      message: `Đăng nhập thất bại user-${String(i).padStart(2, '0')}`,
      winlog: {
        channel: 'Security',
        event_id: 4625,
        provider_name: 'Microsoft-Windows-Security-Auditing',
        event_data: { TargetUserName: `user-${String(i).padStart(2, '0')}`, LogonType: '3' },
      },
    }),
  );
  const res = await fetch(`${url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
    body: `${lines.join('\n')}\n`,
  });
  expect(res.status).toBeLessThan(300);
}

// The console pages stored events by the API's cursor ("older"/"newer") and opens one event by id.
describe.skipIf(!hasChromium())('events console: cursor paging and one event', () => {
  const flow = browserFlow({
    signIn: ADMIN,
    setup: async (admin, server) => {
      const source = await admin<{ token: string }>('POST', '/api/log-sources', {
        unitId: await rootUnitId(admin),
        name: 'Winlogbeat',
        kind: 'http',
      });
      await shipEvents(server.url, source.token);
    },
  });

  test('1. newest 50 first, then the older page by cursor, then back', async () => {
    const { page } = flow;
    await page.getByRole('link', { name: 'Sự kiện nhật ký', exact: true }).click();
    await page.getByText('1–50 trên 60').waitFor();
    expect(await page.getByRole('table').textContent()).toContain('user-59');
    await page.getByRole('button', { name: 'Cũ hơn' }).click();
    await page.getByText('51–60 trên 60').waitFor();
    expect(await page.getByRole('table').textContent()).toContain('user-00');
    expect(await page.getByRole('button', { name: 'Cũ hơn' }).isDisabled()).toBe(true);
    await screenshot(page, 'events-1-older');
    await page.getByRole('button', { name: 'Mới hơn' }).click();
    await page.getByText('1–50 trên 60').waitFor();
  });

  test('2. one event opens with its fields, fetched by id', async () => {
    const { page } = flow;
    await page
      .getByRole('row', { name: /user-59/ })
      .getByRole('button')
      .click();
    const dialog = page.getByRole('dialog', { name: 'Chi tiết sự kiện' });
    await dialog.getByText('"TargetUserName": "user-59"', { exact: false }).waitFor();
    await screenshot(page, 'events-2-detail');
  });
});
