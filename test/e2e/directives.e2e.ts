import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from './browser';
import { hasChromium } from './environment';
import { type RunningServer, startServer } from './server';

const ADMIN_PASSWORD = 'E2e-admin-password-1';
const OFFICER_PASSWORD = 'E2e-officer-password-1';
const TEXT = [
  'Thực hiện Văn bản số 383/CATTT-NCSC ngày 17/3/2023, đề nghị:',
  '1. Chủ động rà soát các lỗ hổng an toàn thông tin mạng.',
  '2. Tổ chức lực lượng trực giám sát 24/7.',
  '3. Xác định cấp độ hệ thống camera giám sát.',
].join('\n');

/** A small API client for the setup the flow does not test (units, the commune officer). */
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
    const type = answer.headers.get('content-type') ?? '';
    return (type.includes('json') ? answer.json() : Buffer.from(await answer.arrayBuffer())) as T;
  };
}

// The Kim Sơn scenario in the console: register → assign → a commune answers → the report back.
describe.skipIf(!hasChromium())('directives: from the incoming document to the report back', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    api = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const units = await api<{ items: { id: string; depth: number }[] }>('GET', '/api/units');
    const root = units.items.find((u) => u.depth === 0)!;
    const district = await api<{ id: string }>('POST', '/api/units', {
      parentId: root.id,
      code: 'KIMSON',
      name: 'UBND huyện Kim Sơn',
      kind: 'district',
      issuerName: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN',
      placeName: 'Kim Sơn',
    });
    const commune = await api<{ id: string }>('POST', '/api/units', {
      parentId: district.id,
      code: 'KIMCHINH',
      name: 'UBND xã Kim Chính',
      kind: 'commune',
    });
    await api('POST', '/api/users', {
      unitId: commune.id,
      username: 'kimchinh',
      displayName: 'Cán bộ xã Kim Chính',
      role: 'unit_officer',
      password: OFFICER_PASSWORD,
    });
    browser = await launchBrowser();
    admin = await openPage(browser);
    await signIn(admin, server.url, 'admin', ADMIN_PASSWORD);
    await admin.getByRole('heading', { name: 'Xin chào, Quản trị hệ thống' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('register the directive with its PDF and the tasks proposed from its text, then assign them', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Chỉ đạo' }).click();
    await admin.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Đơn vị nhận').click();
    await admin.getByRole('option', { name: /UBND huyện Kim Sơn/ }).click();
    await dialog.getByLabel('Số/ký hiệu').fill('285/STTTT-CNBCVT');
    await dialog.getByLabel('Cơ quan ban hành').fill('Sở Thông tin và Truyền thông');
    await dialog.getByLabel('Ngày ban hành').fill('2026-11-20');
    await dialog.getByLabel('Trích yếu').fill('cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft');
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'van-ban-285.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await dialog.getByLabel(/Nội dung văn bản/).fill(TEXT);
    await dialog.getByRole('button', { name: 'Đề xuất nhiệm vụ từ nội dung' }).click();
    await dialog.getByLabel('Nhiệm vụ 3').waitFor();
    await dialog.getByLabel('Nhiệm vụ 1').fill('Chủ động rà soát các lỗ hổng trong sản phẩm Microsoft.');
    await dialog.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await admin
      .getByRole('heading', { name: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft' })
      .waitFor();
    await admin.getByText('Chủ động rà soát các lỗ hổng trong sản phẩm Microsoft.').first().waitFor();

    await admin.getByTestId('assign-tasks').click({ force: true });
    for (const n of ['1', '2', '3'])
      await admin.getByRole('option', { name: new RegExp(`^${n}\\. `) }).click();
    await admin.keyboard.press('Escape');
    await admin.getByTestId('assign-units').click({ force: true });
    await admin.getByRole('option', { name: 'UBND xã Kim Chính' }).click();
    await admin.keyboard.press('Escape');
    await admin.getByLabel('Hạn', { exact: true }).fill('2030-04-01');
    await admin.getByRole('button', { name: 'Giao', exact: true }).click();
    const matrix = admin.getByTestId('directive-matrix');
    await matrix.getByText('UBND xã Kim Chính').waitFor();
    expect(await matrix.getByText('Chưa thực hiện').count()).toBe(3);
    await screenshot(admin, 'directives-1-assigned');
  });

  test('the commune officer sees only its tasks and answers one as done', async () => {
    const officer = await openPage(browser);
    await signIn(officer, server.url, 'kimchinh', OFFICER_PASSWORD);
    await officer.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ của đơn vị' }).click();
    const cards = officer.getByTestId('my-task');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(3);
    const first = cards.first();
    await first.getByTestId('answer-status').click();
    await officer.getByRole('option', { name: 'Đã hoàn thành' }).click();
    await first.getByTestId('answer-text').fill('Đã rà soát và cập nhật bản vá cho 12 máy');
    await first.getByTestId('answer-send').click();
    await first.getByText(/Đã hoàn thành · Đã rà soát và cập nhật bản vá cho 12 máy/).waitFor();
    await screenshot(officer, 'directives-2-answered');
    await officer.close();
  });

  test('the district sees the answer in the matrix and generates the report back from it', async () => {
    await admin.reload();
    const matrix = admin.getByTestId('directive-matrix');
    await matrix.getByText('Đã hoàn thành').waitFor();
    await admin.getByTestId('report-signer').fill('Nguyễn Cao Sơn');
    const answered = admin.waitForResponse(
      (r) => r.url().endsWith('/report') && r.request().method() === 'POST',
    );
    await admin.getByTestId('report-generate').click();
    const response = await answered;
    expect(response.status()).toBe(201);
    const file = (await response.json()) as { id: string; name: string };
    await admin.getByRole('link', { name: file.name }).waitFor();
    const bytes = await api<Buffer>('GET', `/api/files/${file.id}/content`);
    const { readDocx } = await import('../docx');
    const doc = await readDocx(bytes);
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('Các đơn vị đã hoàn thành: UBND xã Kim Chính.');
    expect(texts).toContain('- UBND xã Kim Chính: Đã rà soát và cập nhật bản vá cho 12 máy');
    await screenshot(admin, 'directives-3-report');
  });
});
