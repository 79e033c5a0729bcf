import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { hasChromium } from './support/environment';
import { ADMIN, browserFlow, rootUnitId } from './support/flow';

const RULE_ID = randomUUID();
const AUTHOR = 'Phạm Thị Tác Giả (DRL 1.1)';
const RULE = `title: Đăng nhập thất bại của tài khoản kẻ tấn công
id: ${RULE_ID}
status: test
author: ${AUTHOR}
tags:
  - attack.t1110.001
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
    TargetUserName: attacker-e2e
  condition: selection
level: high
`;

/** One Windows failed logon, as Winlogbeat ships it, over HTTP NDJSON with the source's token. */
async function shipEvent(url: string, token: string, user: string) {
  const event = {
    '@timestamp': new Date().toISOString(),
    host: { name: 'PC-KETOAN' },
    winlog: {
      channel: 'Security',
      event_id: 4625,
      provider_name: 'Microsoft-Windows-Security-Auditing',
      computer_name: 'PC-KETOAN.xa.local',
      event_data: { TargetUserName: user, IpAddress: '198.18.0.66', LogonType: '3' },
    },
  };
  const res = await fetch(`${url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
    body: `${JSON.stringify(event)}\n`,
  });
  expect(res.status).toBeLessThan(300);
}

// The officer on duty watches the queue; an attack arrives as a log event; the alert shows up live.
describe.skipIf(!hasChromium())('watch: an event arrives → the alert appears live → acknowledge', () => {
  let token: string;
  const flow = browserFlow({
    signIn: ADMIN,
    setup: async (admin) => {
      await admin('POST', '/api/sigma-rules', { yaml: RULE });
      const source = await admin<{ token: string }>('POST', '/api/log-sources', {
        unitId: await rootUnitId(admin),
        name: 'Winlogbeat',
        kind: 'http',
      });
      token = source.token;
    },
  });

  test('1. the rule is listed with its author and licence, enabled', async () => {
    const { page } = flow;
    await page.getByRole('link', { name: 'Luật phát hiện', exact: true }).click();
    const row = page.getByRole('row', { name: /Đăng nhập thất bại của tài khoản kẻ tấn công/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(AUTHOR);
    expect(await row.textContent()).toContain('DRL-1.1');
    await screenshot(page, 'watch-1-rules');
  });

  test('2. the queue is live; a matching event appears in it without a reload, with the rule author', async () => {
    const { page, server } = flow;
    await page.getByRole('link', { name: 'Cảnh báo giám sát', exact: true }).click();
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await page.getByText('Trực tiếp', { exact: true }).waitFor(); // the SSE stream is open
    await shipEvent(server.url, token, 'someone-harmless');
    await shipEvent(server.url, token, 'attacker-e2e');
    const link = page.getByRole('link', { name: 'Đăng nhập thất bại của tài khoản kẻ tấn công' });
    await link.waitFor();
    const row = page.getByRole('row', { name: /Đăng nhập thất bại/ });
    expect(await row.textContent()).toContain(`Tác giả quy tắc: ${AUTHOR}`);
    expect(await row.textContent()).toContain('Mới');
    expect(await page.getByRole('row').count()).toBe(2); // the header and one alert: the harmless logon raised none
    await screenshot(page, 'watch-2-live-alert');
  });

  test('3. the officer acknowledges it; the status changes on the alert and in the live queue', async () => {
    const { page } = flow;
    await page.getByRole('link', { name: 'Đăng nhập thất bại của tài khoản kẻ tấn công' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập thất bại của tài khoản kẻ tấn công' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain(`Tác giả quy tắc: ${AUTHOR}`);
    await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await page.getByText(/Trạng thái: Đã nhận/).waitFor();
    await page.getByRole('button', { name: 'Xác nhận đã nhận' }).waitFor({ state: 'detached' });
    await screenshot(page, 'watch-3-acknowledged');
    await page.getByRole('link', { name: 'Hàng đợi cảnh báo' }).click();
    const row = page.getByRole('row', { name: /Đăng nhập thất bại/ });
    await row.getByText('Đã nhận', { exact: true }).waitFor();
  });

  test('4. a rule written in the console is checked as it is typed: the reason is shown in Vietnamese', async () => {
    const { page } = flow;
    await page.getByRole('link', { name: 'Luật phát hiện', exact: true }).click();
    await page.getByRole('link', { name: 'Viết luật mới' }).click();
    const editor = page.getByRole('textbox', { name: 'Nội dung luật (YAML)' });
    await editor.fill(
      RULE.replace(`id: ${RULE_ID}`, `id: ${randomUUID()}`).replace(
        'TargetUserName:',
        'TargetUserName|nosuch:',
      ),
    );
    await page.getByText('Luật chưa chạy được').waitFor();
    expect(await page.getByTestId('rule-problems').textContent()).toContain(
      'Bộ biến đổi (modifier) không được hỗ trợ',
    );
    expect(await page.getByRole('button', { name: 'Lưu luật' }).isDisabled()).toBe(true);
    await editor.fill(
      RULE.replace(`id: ${RULE_ID}`, `id: ${randomUUID()}`).replace('attacker-e2e', 'other-user'),
    );
    await page.getByText('Hợp lệ: luật sẽ chạy được').waitFor();
    await page.getByRole('button', { name: 'Lưu luật' }).click();
    await page
      .getByText(/giấy phép DRL-1.1/)
      .first()
      .waitFor();
    await screenshot(page, 'watch-4-rule-written');
  });
});
