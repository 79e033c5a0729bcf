import { describe, expect, test } from 'vitest';
import { screenshot, signIn } from './support/browser';
import { hasChromium } from './support/environment';
import { ADMIN_PASSWORD, browserFlow } from './support/flow';

// One server and one page for the whole file: the flows follow each other like a session.
describe.skipIf(!hasChromium())('console flows (admin)', () => {
  const flow = browserFlow();

  test('1. the admin signs in and lands on the overview', async () => {
    const { page, server } = flow;
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Xin chào, Quản trị hệ thống' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('banner').textContent()).toContain('Quản trị viên');
    await screenshot(page, '1-signed-in');
  });

  test('2. a unit created under the root through the form appears in the tree', async () => {
    const { page } = flow;
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    const tree = page.getByRole('tree', { name: 'Đơn vị' });
    await tree.getByText('Đơn vị gốc (hãy đổi tên)').waitFor();
    await page.getByRole('button', { name: 'Thêm đơn vị con' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: 'Mã đơn vị' }).fill('UBND-KIMSON');
    await form.getByRole('textbox', { name: 'Tên đơn vị' }).fill('Ủy ban nhân dân xã Kim Sơn');
    await form.getByRole('textbox', { name: 'Tên tiếng Anh' }).fill('Kim Son Commune');
    await form.getByRole('combobox', { name: 'Loại đơn vị' }).click();
    await page.getByRole('option', { name: 'Xã/phường' }).click();
    await form.getByRole('textbox', { name: 'Cơ quan chủ quản' }).fill('UBND TỈNH NINH BÌNH');
    await form.getByRole('textbox', { name: 'Cơ quan ban hành' }).fill('ỦY BAN NHÂN DÂN XÃ KIM SƠN');
    await form.getByRole('textbox', { name: 'Địa danh' }).fill('Kim Sơn');
    await form.getByRole('button', { name: 'Tạo', exact: true }).click();
    await form.waitFor({ state: 'hidden' });

    await tree.getByText('Ủy ban nhân dân xã Kim Sơn').waitFor();
    const details = page.getByRole('main');
    await details.getByRole('heading', { name: 'Ủy ban nhân dân xã Kim Sơn' }).waitFor();
    expect(await details.textContent()).toContain('ỦY BAN NHÂN DÂN XÃ KIM SƠN');
    await screenshot(page, '2-unit-created');
  });

  test('3. switching to English relabels the navigation, and back', async () => {
    const { page } = flow;
    await page.getByRole('radiogroup', { name: 'Ngôn ngữ' }).getByText('EN').click();
    const nav = page.getByRole('navigation').first();
    await nav.getByRole('link', { name: 'Units', exact: true }).waitFor();
    for (const label of ['Overview', 'Users', 'API tokens', 'Audit log', 'Background jobs']) {
      expect(await nav.getByRole('link', { name: label }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await screenshot(page, '3-english');

    await page.getByRole('radiogroup', { name: 'Language' }).getByText('VI').click();
    await nav.getByRole('link', { name: 'Đơn vị', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
  });

  test('4. verifying the audit chain runs a job to 100%', async ({ skip }) => {
    const { page } = flow;
    await page.getByRole('link', { name: 'Tác vụ nền', exact: true }).click();
    await page.getByRole('heading', { name: 'Tác vụ nền' }).waitFor();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/audit/verify') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Kiểm tra chuỗi nhật ký' }).click(),
    ]);
    if (answer.status() === 404) skip('the jobs API (POST /api/audit/verify) is not on this server yet');
    expect(answer.status()).toBe(202);
    const job = (await answer.json()) as { id: string };

    // The page polls every second while the job is queued or running; wait for what a person would see.
    const row = page.getByRole('row').filter({ has: page.locator(`[data-job-id="${job.id}"]`) });
    await row.filter({ hasText: 'Hoàn thành' }).filter({ hasText: '100%' }).waitFor({ timeout: 120_000 });
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await row.textContent()).toContain('Chuỗi nhật ký nguyên vẹn');
    await screenshot(page, '4-audit-chain-verified');
  });
});
