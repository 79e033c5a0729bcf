import { describe, expect, test } from 'vitest';
import { screenshot, signIn } from './support/browser';
import { hasChromium } from './support/environment';
import { browserFlow } from './support/flow';

/** The first-admin banner prints "Mật khẩu / password:  <password>" once, on stdout. */
function bannerPassword(stdout: string): string | undefined {
  return /Mật khẩu \/ password:\s+(\S+)/.exec(stdout)?.[1];
}

describe.skipIf(!hasChromium())('first start without CANHGAC_ADMIN_PASSWORD', () => {
  const flow = browserFlow({ adminPassword: null });

  test('5. the printed password signs in, forces a new password, then opens the console', async () => {
    const { page, server } = flow;
    const generated = bannerPassword(server.stdout());
    expect(generated, 'the server printed no first-admin password').toBeTruthy();

    await signIn(page, server.url, 'admin', generated!);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');
    await screenshot(page, '5a-forced-password-change');

    // Leaving for another page is not possible yet: the guard sends the user back.
    await page.goto(`${server.url}/units`);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();

    const newPassword = 'Mat-khau-moi-cua-toi-2025';
    await page.getByLabel('Mật khẩu hiện tại').fill(generated!);
    await page.getByLabel(/^Mật khẩu mới/).fill(newPassword);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

    await page.getByRole('heading', { name: 'Xin chào, Quản trị hệ thống' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await screenshot(page, '5b-home-after-change');
  });
});
