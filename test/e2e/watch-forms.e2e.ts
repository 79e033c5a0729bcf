import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHttpPeer } from '../../src/notify/test-peers';
import { screenshot } from './support/browser';
import { hasChromium } from './support/environment';
import { ADMIN, browserFlow } from './support/flow';

/** The watch's console forms: a notification channel created, refused, tested and edited in the browser. */
describe.skipIf(!hasChromium())('notification channel forms (admin)', () => {
  let peer: Awaited<ReturnType<typeof startHttpPeer>>;

  // The webhook receiver, on loopback, that the channel's test message must reach (it outlives the server).
  beforeAll(async () => {
    peer = await startHttpPeer(() => ({ status: 200 }));
  });
  afterAll(async () => {
    await peer?.close();
  });

  const flow = browserFlow({ signIn: ADMIN });

  test('1. a webhook channel: bad URL refused in Vietnamese, then created, tested and edited', async () => {
    const { page } = flow;
    await page.getByRole('navigation').getByRole('link', { name: 'Kênh thông báo' }).click();
    await page.getByRole('heading', { name: 'Kênh thông báo' }).waitFor();
    await page.getByRole('button', { name: 'Thêm kênh' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Webhook', { exact: true }).click();
    await dialog.getByLabel('Tên kênh').fill('SOAR tỉnh');
    await dialog.getByLabel('Địa chỉ URL').fill('khong-phai-url');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Dữ liệu không hợp lệ', { exact: false }).first().waitFor();
    expect(peer.hits).toHaveLength(0);

    await dialog.getByLabel('Địa chỉ URL').fill(`${peer.url}/hook`);
    await dialog.getByLabel('Khóa ký HMAC', { exact: false }).fill('mot-khoa-ky-du-dai-1234');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The channels table (the delivery log below it names the channel too).
    const row = page.getByRole('table').first().getByRole('row').filter({ hasText: 'SOAR tỉnh' });
    await row.getByText('Đã lưu (mã hóa)').waitFor();

    await row.getByRole('button', { name: 'Gửi thử' }).click();
    await row.getByText('Đã gửi').waitFor();
    expect(peer.hits).toHaveLength(1);
    expect(peer.hits[0]!.headers['x-canhgac-signature']).toMatch(/^sha256=/);
    await screenshot(page, 'watch-1-channel-tested');

    // Editing shows the secret as stored, never its value, and can disable the channel.
    await row.getByRole('button', { name: 'Sửa' }).click();
    const edit = page.getByRole('dialog');
    const secret = edit.getByLabel('Khóa ký HMAC', { exact: false });
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe('Đã lưu: để trống để giữ nguyên');
    await edit.getByLabel('Đang bật').uncheck();
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('Đã tắt').waitFor();
  });

  test('2. an escalation policy, a roster that uses it, and a holiday on that roster', async () => {
    const { page } = flow;
    await page.getByRole('navigation').getByRole('link', { name: 'Trực 24/7' }).click();
    await page.getByRole('button', { name: 'Thêm chính sách' }).click();
    const policy = page.getByRole('dialog');
    await policy.getByLabel('Tên chính sách').fill('Mặc định');
    // Three steps are proposed; keep one, and first save it without a channel: refused, nothing saved.
    await policy.getByRole('button', { name: 'Xóa' }).nth(2).click();
    await policy.getByRole('button', { name: 'Xóa' }).nth(1).click();
    await policy.getByRole('button', { name: 'Lưu' }).click();
    await policy.getByText('Dữ liệu không hợp lệ', { exact: false }).first().waitFor();
    await policy.getByLabel('Kênh').click();
    await page.getByRole('option', { name: 'SOAR tỉnh (webhook)' }).click();
    await policy.getByRole('button', { name: 'Lưu' }).click();
    await policy.waitFor({ state: 'detached' });
    await page.getByText('Mặc định', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Thêm lịch trực' }).click();
    const roster = page.getByRole('dialog');
    await roster.getByLabel('Tên lịch trực').fill('Trực 24/7 tỉnh');
    await roster.getByLabel('Ngày bắt đầu').fill('2026-01-01');
    await roster.getByLabel('Người trực (theo thứ tự luân phiên)').click();
    await page.getByRole('option', { name: 'Quản trị hệ thống (admin)' }).click();
    await roster.getByRole('combobox', { name: 'Chính sách leo thang' }).click();
    await page.getByRole('option', { name: 'Mặc định' }).click();
    await roster.getByRole('button', { name: 'Lưu' }).click();
    await roster.waitFor({ state: 'detached' });
    const card = page.locator('.mantine-Card-root').filter({ hasText: 'Trực 24/7 tỉnh' });
    await card.getByText('Quản trị hệ thống', { exact: true }).first().waitFor();

    await card.getByRole('button', { name: 'Ngày lễ' }).click();
    const holiday = page.getByRole('dialog');
    await holiday.getByLabel('Tên ngày lễ').fill('Quốc khánh');
    await holiday.getByLabel('Ngày bắt đầu').fill('2999-09-02');
    await holiday.getByLabel('Số ngày').fill('2');
    await holiday.getByRole('combobox', { name: 'Người trực' }).click();
    await page.getByRole('option', { name: 'Quản trị hệ thống (admin)' }).click();
    await holiday.getByRole('button', { name: 'Lưu' }).click();
    await holiday.waitFor({ state: 'detached' });
    await card.getByText('Nghỉ lễ / Holiday: Quốc khánh', { exact: false }).waitFor();
    await screenshot(page, 'watch-2-roster-holiday');
  });
});
