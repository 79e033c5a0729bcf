import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_PORTS } from '../../src/cameras/audit/defaults';
import { type SimDevice, startDevice } from '../peers/camlab/device';
import { withoutForeignListeners } from '../peers/camlab/fleet';
import { PROFILES, type Profile } from '../peers/camlab/profiles';
import { launchBrowser, openPage, screenshot, signIn } from './browser';
import { hasChromium } from './environment';
import { type RunningServer, startServer } from './server';

const ADMIN_PASSWORD = 'E2e-admin-password-1';
const OFFICER_PASSWORD = 'E2e-officer-password-1';
/** The unit's registered scope: loopback only (never another address); the simulator sits on .201 and .202. */
const SCOPE = '127.0.1.200/30';
const UNIVIEW = '127.0.1.201';
const HARDENED = '127.0.1.202';
// The server audits the real camera ports (80, 554, …): the simulator may bind them only as root.
const ROOT = process.getuid?.() === 0;
const NOT_ROOT = 'the server audits the real camera ports; the simulator can bind them only as root';

/** A small API client for the setup the flow does not test (the unit, its officer, its scan scope). */
async function apiAs(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
}

// A commune officer: register the camera system → proposed level → dossier → audit → findings and checklist.
describe.skipIf(!hasChromium())('cameras: from the register to the audit findings', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const devices: SimDevice[] = [];

  beforeAll(async () => {
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    const api = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const units = await api<{ items: { id: string; depth: number }[] }>('GET', '/api/units');
    const root = units.items.find((u) => u.depth === 0)!;
    const commune = await api<{ id: string }>('POST', '/api/units', {
      parentId: root.id,
      code: 'XUANTHUY',
      name: 'UBND xã Xuân Thủy',
      kind: 'commune',
      issuerName: 'ỦY BAN NHÂN DÂN XÃ XUÂN THỦY',
      placeName: 'Xuân Thủy',
    });
    await api('POST', '/api/users', {
      unitId: commune.id,
      username: 'xuanthuy',
      displayName: 'Cán bộ xã Xuân Thủy',
      role: 'unit_officer',
      password: OFFICER_PASSWORD,
    });
    await api('PUT', `/api/camera-scopes/${commune.id}`, {
      cidrs: [SCOPE],
      hosts: [],
      allowedRoles: ['admin', 'unit_officer'],
    });
    if (ROOT) {
      const plan = await withoutForeignListeners(DEFAULT_PORTS, '127.0.1.203');
      devices.push(await startDevice(PROFILES.uniview as Profile, UNIVIEW, plan));
      devices.push(await startDevice(PROFILES.hardened as Profile, HARDENED, plan));
    }
    browser = await launchBrowser();
    page = await openPage(browser);
    await signIn(page, server.url, 'xuanthuy', OFFICER_PASSWORD);
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(devices.map((d) => d.close()));
    await server?.stop();
  });

  test('1. the officer registers the camera system of the commune', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Camera', exact: true }).click();
    await page.getByRole('button', { name: 'Thêm hệ thống camera' }).click();
    await page.getByLabel('Tên hệ thống').fill('Camera trụ sở UBND xã');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('link', { name: 'Camera trụ sở UBND xã' }).click();
    await page.getByRole('heading', { name: 'Camera trụ sở UBND xã' }).waitFor();
  });

  test('2. gets the proposed level with its clause, proposes it and downloads the dossier', async () => {
    const suggestion = page.getByText(/Gợi ý: cấp độ \d/);
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toMatch(/cấp độ [1-5]/);
    await page.getByRole('button', { name: 'Lập hồ sơ đề xuất' }).click();
    const link = page.getByRole('link', { name: 'Tải hồ sơ (DOCX)' }).first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'cameras-1-system-dossier');
  });

  test('3. runs an audit of the unit scope and follows it live to its run', async ({ skip }) => {
    if (!ROOT) skip(NOT_ROOT);
    await page.goto(`${server.url}/cameras?tab=audits`);
    await page.getByText(SCOPE).waitFor();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    const live = page.getByTestId('audit-live');
    await live.waitFor();
    const open = live.getByRole('link', { name: 'Xem kết quả lượt kiểm tra' });
    await open.waitFor({ timeout: 150_000 });
    expect(await live.getByTestId('job-status').textContent()).not.toMatch(/lỗi|thất bại/i);
    await open.click();
    await page.getByRole('heading', { name: 'Lượt kiểm tra an toàn camera' }).waitFor();
    const fresh = page.getByTestId('findings-new');
    const card = fresh.locator('[data-finding-key="default-credentials"]');
    await card.waitFor();
    expect(await card.textContent()).toContain(UNIVIEW);
    expect(await card.textContent()).toContain('QD724-PASSWORD');
    expect(await card.textContent()).toContain('Cách khắc phục');
    await card.getByText('Bằng chứng').click();
    expect(await card.locator('pre').first().textContent()).toMatch(/RTSP|DESCRIBE|ONVIF|GET/);
    // The hardened camera has nothing to report.
    expect(await page.locator(`[data-testid="audit-finding"]:has-text("${HARDENED}")`).count()).toBe(0);
    await screenshot(page, 'cameras-2-audit-run');
  });

  test("4. sees the camera's findings and which checklist results the audit filled", async ({ skip }) => {
    if (!ROOT) skip(NOT_ROOT);
    await page.goto(`${server.url}/cameras?tab=devices`);
    await page.getByRole('link', { name: UNIVIEW }).click();
    const findings = page.getByTestId('camera-findings');
    await findings.locator('[data-finding-key="default-credentials"]').waitFor();
    expect(await findings.locator('[data-testid="audit-finding"]').count()).toBe(
      (PROFILES.uniview as Profile).truth.length,
    );
    const automated = page.getByTestId('filled-by').filter({ hasText: 'Kiểm tra tự động' });
    await automated.first().waitFor();
    expect(await automated.count()).toBeGreaterThan(0);
    await screenshot(page, 'cameras-3-camera-findings-checklist');
  });
});
