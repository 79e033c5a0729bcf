import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_PORTS } from '../../src/cameras/audit/defaults';
import { type SimDevice, startDevice } from '../peers/camlab/device';
import { withoutForeignListeners } from '../peers/camlab/fleet';
import { PROFILES, type Profile } from '../peers/camlab/profiles';
import { screenshot } from './support/browser';
import { hasChromium } from './support/environment';
import { addOfficer, browserFlow, OFFICER_PASSWORD, rootUnitId } from './support/flow';

/** The unit's registered scope: loopback only (never another address); the simulator sits on .201 and .202. */
const SCOPE = '127.0.1.200/30';
const UNIVIEW = '127.0.1.201';
const HARDENED = '127.0.1.202';
// The server audits the real camera ports (80, 554, …): the simulator may bind them only as root.
const ROOT = process.getuid?.() === 0;
const NOT_ROOT = 'the server audits the real camera ports; the simulator can bind them only as root';

// A commune officer: register the camera system → proposed level → dossier → audit → findings and checklist.
describe.skipIf(!hasChromium())('cameras: from the register to the audit findings', () => {
  const devices: SimDevice[] = [];

  // The simulated cameras need no server: they start first and close after it.
  beforeAll(async () => {
    if (!ROOT) return;
    const plan = await withoutForeignListeners(DEFAULT_PORTS, '127.0.1.203');
    devices.push(await startDevice(PROFILES.uniview as Profile, UNIVIEW, plan));
    devices.push(await startDevice(PROFILES.hardened as Profile, HARDENED, plan));
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.close()));
  });

  const flow = browserFlow({
    signIn: { username: 'xuanthuy', password: OFFICER_PASSWORD, greeting: /Xin chào/ },
    setup: async (admin) => {
      const commune = await admin<{ id: string }>('POST', '/api/units', {
        parentId: await rootUnitId(admin),
        code: 'XUANTHUY',
        name: 'UBND xã Xuân Thủy',
        kind: 'commune',
        issuerName: 'ỦY BAN NHÂN DÂN XÃ XUÂN THỦY',
        placeName: 'Xuân Thủy',
      });
      await addOfficer(admin, {
        unitId: commune.id,
        username: 'xuanthuy',
        displayName: 'Cán bộ xã Xuân Thủy',
      });
      await admin('PUT', `/api/camera-scopes/${commune.id}`, {
        cidrs: [SCOPE],
        hosts: [],
        allowedRoles: ['admin', 'unit_officer'],
      });
    },
  });

  test('1. the officer registers the camera system of the commune', async () => {
    const { page } = flow;
    await page.getByRole('navigation').getByRole('link', { name: 'Camera', exact: true }).click();
    await page.getByRole('button', { name: 'Thêm hệ thống camera' }).click();
    await page.getByLabel('Tên hệ thống').fill('Camera trụ sở UBND xã');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('link', { name: 'Camera trụ sở UBND xã' }).click();
    await page.getByRole('heading', { name: 'Camera trụ sở UBND xã' }).waitFor();
  });

  test('2. gets the proposed level with its clause, proposes it and downloads the dossier', async () => {
    const { page } = flow;
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
    const { page, server } = flow;
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
    const { page, server } = flow;
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
