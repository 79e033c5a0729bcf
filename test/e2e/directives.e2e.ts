import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { hasChromium } from './support/environment';
import { ADMIN, addOfficer, browserFlow, OFFICER_PASSWORD, rootUnitId, signedInPage } from './support/flow';

const TEXT = [
  'Thực hiện Văn bản số 383/CATTT-NCSC ngày 17/3/2023, đề nghị:',
  '1. Chủ động rà soát các lỗ hổng an toàn thông tin mạng.',
  '2. Tổ chức lực lượng trực giám sát 24/7.',
  '3. Xác định cấp độ hệ thống camera giám sát.',
].join('\n');

// The Kim Sơn scenario in the console: register → assign → a commune answers → the report back.
describe.skipIf(!hasChromium())('directives: from the incoming document to the report back', () => {
  const flow = browserFlow({
    signIn: ADMIN,
    setup: async (admin) => {
      const district = await admin<{ id: string }>('POST', '/api/units', {
        parentId: await rootUnitId(admin),
        code: 'KIMSON',
        name: 'UBND huyện Kim Sơn',
        kind: 'district',
        issuerName: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN',
        placeName: 'Kim Sơn',
      });
      const commune = await admin<{ id: string }>('POST', '/api/units', {
        parentId: district.id,
        code: 'KIMCHINH',
        name: 'UBND xã Kim Chính',
        kind: 'commune',
      });
      await addOfficer(admin, {
        unitId: commune.id,
        username: 'kimchinh',
        displayName: 'Cán bộ xã Kim Chính',
      });
    },
  });

  test('register the directive with its PDF and the tasks proposed from its text, then assign them', async () => {
    const { page } = flow;
    await page.getByRole('navigation').getByRole('link', { name: 'Chỉ đạo' }).click();
    await page.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Đơn vị nhận').click();
    await page.getByRole('option', { name: /UBND huyện Kim Sơn/ }).click();
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
    await page
      .getByRole('heading', { name: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft' })
      .waitFor();
    await page.getByText('Chủ động rà soát các lỗ hổng trong sản phẩm Microsoft.').first().waitFor();

    await page.getByTestId('assign-tasks').click({ force: true });
    for (const n of ['1', '2', '3'])
      await page.getByRole('option', { name: new RegExp(`^${n}\\. `) }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('assign-units').click({ force: true });
    await page.getByRole('option', { name: 'UBND xã Kim Chính' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Hạn', { exact: true }).fill('2030-04-01');
    await page.getByRole('button', { name: 'Giao', exact: true }).click();
    const matrix = page.getByTestId('directive-matrix');
    await matrix.getByText('UBND xã Kim Chính').waitFor();
    expect(await matrix.getByText('Chưa thực hiện').count()).toBe(3);
    await screenshot(page, 'directives-1-assigned');
  });

  test('the commune officer sees only its tasks and answers one as done', async () => {
    const officer = await signedInPage(flow, { username: 'kimchinh', password: OFFICER_PASSWORD });
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
    const { page, admin } = flow;
    await page.reload();
    const matrix = page.getByTestId('directive-matrix');
    await matrix.getByText('Đã hoàn thành').waitFor();
    await page.getByTestId('report-signer').fill('Nguyễn Cao Sơn');
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/report') && r.request().method() === 'POST',
    );
    await page.getByTestId('report-generate').click();
    const response = await answered;
    expect(response.status()).toBe(201);
    const file = (await response.json()) as { id: string; name: string };
    await page.getByRole('link', { name: file.name }).waitFor();
    const bytes = await admin<Buffer>('GET', `/api/files/${file.id}/content`);
    const { readDocx } = await import('../docx');
    const doc = await readDocx(bytes);
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('Các đơn vị đã hoàn thành: UBND xã Kim Chính.');
    expect(texts).toContain('- UBND xã Kim Chính: Đã rà soát và cập nhật bản vá cho 12 máy');
    await screenshot(page, 'directives-3-report');
  });
});
