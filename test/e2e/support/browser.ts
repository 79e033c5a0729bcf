import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_PATH } from './environment';

/** Headless Debian Chromium, quiet: no sync, no updates, no background traffic off this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type PageOptions = {
  /** The clock the page reads (a Vietnamese officer types times in Asia/Ho_Chi_Minh). */
  timezoneId?: string;
  acceptDownloads?: boolean;
};

/** A page in its own browser context (its own cookies: one signed-in person per page). */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, ...options });
  context.setDefaultTimeout(30_000);
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(inject('screenshotDir'), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Đăng nhập vào Canh Gác' }).waitFor();
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
