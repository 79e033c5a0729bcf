import fs from 'node:fs';
import { simpleParser } from 'mailparser';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpPeer } from '../../src/notify/test-peers';
import { readDocx } from '../docx';
import { screenshot } from './support/browser';
import { hasChromium } from './support/environment';
import {
  addOfficer,
  browserFlow,
  OFFICER_PASSWORD,
  rootUnitId,
  signedInPage,
  VIETNAM_TIME,
} from './support/flow';

// Issue 6, "Done when": the Kim Sơn scenario of March 2023 (../shared/docs/DISPATCH-2023.md) end to end in the
// console. The district registers the province's document with its file, forwards it as its own dispatch and assigns
// the tasks to a commune and an agency; the commune officer answers with a file; the commune opens an incident, fills,
// generates and mails the Báo cáo ban đầu (to a real SMTP server on loopback) before its deadline; the district
// generates its report back, which carries what the units answered.

/** The commune officer (their pages run in Vietnam time: the detection time is typed as they read the clock). */
const KIM_CHINH = { username: 'kimchinh', password: OFFICER_PASSWORD };
const TEXT = [
  'Thực hiện Văn bản số 383/CATTT-NCSC ngày 17/3/2023 của Cục An toàn thông tin, đề nghị:',
  '1. Chủ động rà soát, cập nhật bản vá các lỗ hổng trong sản phẩm Microsoft.',
  '2. Tổ chức lực lượng tại chỗ trực giám sát sự cố an toàn thông tin mạng 24/7.',
  '3. Khi xảy ra sự cố, báo cáo VNCERT/CC theo đúng quy định.',
].join('\n');
const ANSWER = 'Đã rà soát 12 máy, cập nhật bản vá tháng 3 cho tất cả';

async function downloaded(download: Download): Promise<Buffer> {
  return fs.readFileSync(await download.path());
}

const paragraphs = async (docx: Buffer) => (await readDocx(docx)).paragraphs.map((p) => p.text);

describe.skipIf(!hasChromium())(
  'the Kim Sơn scenario: directive, dispatch, answers, incident, report back',
  () => {
    let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
    let directiveUrl = '';

    // The SMTP server the district's channel sends through; it outlives the Canh Gác server.
    beforeAll(async () => {
      smtp = await startSmtpPeer();
    });
    afterAll(async () => {
      await smtp?.close();
    });

    const flow = browserFlow({
      signIn: { username: 'kimson.vp', password: OFFICER_PASSWORD, greeting: /Xin chào, Trần Văn Đức/ },
      page: VIETNAM_TIME,
      setup: async (admin) => {
        const kimSon = await admin<{ id: string }>('POST', '/api/units', {
          parentId: await rootUnitId(admin),
          code: 'KIMSON',
          name: 'UBND huyện Kim Sơn',
          kind: 'district',
          issuerParentName: 'UBND TỈNH NINH BÌNH',
          issuerName: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN',
          placeName: 'Kim Sơn',
        });
        const kimChinh = await admin<{ id: string }>('POST', '/api/units', {
          parentId: kimSon.id,
          code: 'KIMCHINH',
          name: 'UBND xã Kim Chính',
          kind: 'commune',
          issuerParentName: 'UBND HUYỆN KIM SƠN',
          issuerName: 'ỦY BAN NHÂN DÂN XÃ KIM CHÍNH',
          placeName: 'Kim Chính',
          signerTitle: 'CHỦ TỊCH',
        });
        await admin('POST', '/api/units', {
          parentId: kimSon.id,
          code: 'PVHTT',
          name: 'Phòng Văn hóa và Thông tin',
          kind: 'agency',
        });
        const person = (unitId: string, username: string, displayName: string) =>
          addOfficer(admin, { unitId, username, displayName, email: `${username}@kimson.example.vn` });
        await person(kimSon.id, 'kimson.vp', 'Trần Văn Đức');
        await person(kimChinh.id, 'kimchinh', 'Phạm Thị Hoa');
        // The district's mail goes through the SMTP server of this test (its communes use it too: nearest ancestor).
        await admin('POST', '/api/notify/channels', {
          unitId: kimSon.id,
          kind: 'email',
          name: 'Thư điện tử huyện',
          settings: { host: '127.0.0.1', port: smtp.port, from: 'canhgac@kimson.example.vn' },
        });
      },
    });

    test('the district registers the provincial document with its file and the tasks proposed from its text', async () => {
      const district = flow.page;
      await district.getByRole('navigation').getByRole('link', { name: 'Chỉ đạo' }).click();
      await district.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
      const dialog = district.getByRole('dialog');
      await dialog.getByLabel('Đơn vị nhận').click();
      await district.getByRole('option', { name: /UBND huyện Kim Sơn/ }).click();
      await dialog.getByLabel('Số/ký hiệu').fill('285/STTTT-CNBCVT');
      await dialog.getByLabel('Cơ quan ban hành').fill('Sở Thông tin và Truyền thông tỉnh Ninh Bình');
      await dialog.getByLabel('Ngày ban hành').fill('2026-11-20');
      await dialog.getByLabel('Trích yếu').fill('cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft');
      await dialog.locator('input[type="file"]').setInputFiles({
        name: 'van-ban-285-STTTT.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'),
      });
      await dialog.getByLabel(/Nội dung văn bản/).fill(TEXT);
      await dialog.getByRole('button', { name: 'Đề xuất nhiệm vụ từ nội dung' }).click();
      await dialog.getByLabel('Nhiệm vụ 3').waitFor();
      await dialog.getByRole('button', { name: 'Vào sổ', exact: true }).click();
      await district
        .getByRole('heading', { name: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft' })
        .waitFor();
      directiveUrl = district.url();
      // The province's file is kept and downloadable (as an attachment, never rendered).
      const file = district.waitForEvent('download');
      await district.getByRole('link', { name: 'Văn bản đến' }).click();
      expect((await downloaded(await file)).subarray(0, 5).toString()).toBe('%PDF-');
    });

    test("the district's dispatch is generated (a DOCX with its Số and V/v lines) and its tasks assigned", async () => {
      const district = flow.page;
      await district.getByTestId('assign-tasks').click({ force: true });
      for (const n of ['1', '2', '3'])
        await district.getByRole('option', { name: new RegExp(`^${n}\\. `) }).click();
      await district.keyboard.press('Escape');
      await district.getByTestId('assign-units').click({ force: true });
      await district.getByRole('option', { name: 'UBND xã Kim Chính' }).click();
      await district.getByRole('option', { name: 'Phòng Văn hóa và Thông tin' }).click();
      await district.keyboard.press('Escape');
      await district.getByLabel('Hạn', { exact: true }).fill('2030-04-01');
      await district.getByRole('button', { name: 'Giao', exact: true }).click();
      const matrix = district.getByTestId('directive-matrix');
      await matrix.getByText('Phòng Văn hóa và Thông tin').waitFor();
      expect(await matrix.getByText('Chưa thực hiện').count()).toBe(6);

      await district.getByTestId('dispatch-signer').fill('Nguyễn Cao Sơn');
      await district.getByTestId('dispatch-generate').click();
      const link = district.getByRole('link', { name: /\.docx$/ }).first();
      await link.waitFor();
      const file = district.waitForEvent('download');
      await link.click();
      const docx = await downloaded(await file);
      expect(docx.subarray(0, 2).toString()).toBe('PK');
      const texts = await paragraphs(docx);
      expect(texts.some((t) => /^Số: \s*\/UBND-VP$/.test(t))).toBe(true);
      expect(texts).toContain('V/v cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft');
      expect(texts).toContain('ỦY BAN NHÂN DÂN HUYỆN KIM SƠN');
      expect(texts.some((t) => t.startsWith('Thực hiện Văn bản số 285/STTTT-CNBCVT'))).toBe(true);
      expect(texts.some((t) => t.startsWith('3. Khi xảy ra sự cố, báo cáo VNCERT/CC'))).toBe(true);
      expect(texts).toContain('Nguyễn Cao Sơn');
      await screenshot(district, 'kim-son-1-dispatch');
    });

    test('the commune officer answers a task with a file', async () => {
      const officer = await signedInPage(flow, KIM_CHINH, VIETNAM_TIME);
      await officer.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ của đơn vị' }).click();
      const cards = officer.getByTestId('my-task');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(3);
      const first = cards.filter({ hasText: 'Chủ động rà soát' });
      await first.getByTestId('answer-status').click();
      await officer.getByRole('option', { name: 'Đã hoàn thành' }).click();
      await first.getByTestId('answer-text').fill(ANSWER);
      await first.locator('input[type="file"]').setInputFiles({
        name: 'bien-ban-ra-soat.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% biên bản rà soát\n%%EOF\n'),
      });
      await first.getByTestId('answer-send').click();
      await first.getByText(new RegExp(`Đã hoàn thành · ${ANSWER}.*1 tệp`)).waitFor();
      await screenshot(officer, 'kim-son-2-answered');
      await officer.context().close();
    });

    test('the commune opens an incident and mails the Báo cáo ban đầu before its deadline, the countdown visible', async () => {
      const officer = await signedInPage(flow, KIM_CHINH, VIETNAM_TIME);
      await officer.getByRole('navigation').getByRole('link', { name: 'Sự cố', exact: true }).click();
      await officer.getByRole('button', { name: 'Mở sự cố' }).click();
      const dialog = officer.getByRole('dialog');
      await dialog.getByLabel('Đơn vị xử lý').click();
      await officer.getByRole('option', { name: /UBND xã Kim Chính/ }).click();
      await dialog
        .getByRole('textbox', { name: /^Sự cố/ })
        .fill('Máy tính bộ phận một cửa nhiễm mã độc tống tiền');
      await dialog
        .getByLabel('Mô tả')
        .fill('Các tệp trên máy bị mã hóa, xuất hiện thông báo đòi tiền chuộc.');
      // Two hours ago, Vietnam time: the Báo cáo ban đầu is due in 22 h (regime A) or 70 h (regime B).
      const detected = new Date(Date.now() + 7 * 3_600_000 - 2 * 3_600_000).toISOString().slice(0, 16);
      await dialog.getByLabel('Thời điểm phát hiện').fill(detected);
      await dialog.getByLabel('Hệ thống bị ảnh hưởng').fill('Máy trạm một cửa (192.0.2.15)');
      await dialog.getByLabel(/Vượt khả năng tự xử lý/).check();
      await dialog.getByRole('button', { name: 'Mở sự cố' }).click();
      await officer.getByRole('heading', { name: /^SC-\d{4}-\d{4}: Máy tính bộ phận một cửa/ }).waitFor();
      const reference = (await officer.getByRole('heading', { name: /^SC-/ }).textContent())!.split(':')[0]!;
      // The opener owns the case (and receives its reminders).
      await expect.poll(() => officer.getByTestId('incident-owner').inputValue()).toMatch(/^Phạm Thị Hoa/);

      const row = officer.getByTestId('report-bao_cao_ban_dau');
      // Today's regime (NĐ 331/2026, 72 h, flagged unverified) or the old one (24 h): either way time is left.
      await row.getByText(/^còn \d+ (ngày|giờ)/).waitFor();
      await row.getByRole('button', { name: 'Mở biểu mẫu' }).click();
      const form = officer.getByRole('dialog');
      await form.getByRole('textbox', { name: /^Họ và tên/ }).waitFor();
      expect(await form.getByRole('textbox', { name: /^Họ và tên/ }).inputValue()).toBe('Phạm Thị Hoa');
      await form.getByLabel('Chức vụ').fill('Công chức Văn hóa - Xã hội');
      await form.getByRole('textbox', { name: /^Điện thoại/ }).fill('0912 345 678');
      await form
        .getByLabel('Biện pháp đã và sẽ thực hiện')
        .fill('Cách ly máy khỏi mạng, giữ nguyên hiện trạng.');
      await form.getByLabel('Người ký (họ và tên)').fill('Lê Văn Minh');
      const generated = officer.waitForResponse((r) => r.url().endsWith('/generate'));
      await form.getByRole('button', { name: 'Tạo DOCX' }).click();
      expect((await generated).status()).toBe(200);
      const sent = officer.waitForResponse((r) => r.url().endsWith('/send'));
      await form.getByRole('button', { name: 'Gửi thư điện tử' }).click();
      const answer = await sent;
      expect(answer.status(), await answer.text()).toBe(200);
      const summary = (await answer.json()) as {
        sentAt: string;
        dueAt: string;
        countdown: { state: string };
      };
      expect(summary.countdown.state).toBe('sent');
      expect(new Date(summary.sentAt).getTime()).toBeLessThan(new Date(summary.dueAt).getTime());
      await form.getByText('đã gửi').first().waitFor();
      await screenshot(officer, 'kim-son-3-incident-sent');

      // The server's job worker delivered it through the district's channel to the SMTP server here.
      await smtp.waitFor(1, 60_000);
      const mail = await simpleParser(smtp.mails[0]!.raw);
      expect(smtp.mails[0]!.to).toContain('ir@vncert.vn');
      expect(mail.subject).toContain(`[${reference}] Báo cáo ban đầu sự cố`);
      const attachment = mail.attachments.find((a) => a.filename?.endsWith('.docx'));
      expect(attachment, 'the DOCX is attached').toBeDefined();
      const texts = await paragraphs(attachment!.content);
      expect(texts).toContain('ỦY BAN NHÂN DÂN XÃ KIM CHÍNH');
      expect(texts.join('\n')).toContain('0912 345 678');
      await officer.context().close();
    });

    test('the district generates its report back, which carries what the units answered', async () => {
      const district = flow.page;
      await district.goto(directiveUrl);
      const matrix = district.getByTestId('directive-matrix');
      await matrix.getByText('Đã hoàn thành').waitFor();
      await district.getByTestId('report-signer').fill('Nguyễn Cao Sơn');
      const answered = district.waitForResponse(
        (r) => r.url().endsWith('/report') && r.request().method() === 'POST',
      );
      await district.getByTestId('report-generate').click();
      const response = await answered;
      expect(response.status()).toBe(201);
      const stored = (await response.json()) as { name: string };
      const file = district.waitForEvent('download');
      await district.getByRole('link', { name: stored.name }).click();
      const texts = await paragraphs(await downloaded(await file));
      expect(texts).toContain('BÁO CÁO');
      expect(texts).toContain('Các đơn vị đã hoàn thành: UBND xã Kim Chính.');
      expect(texts).toContain(`- UBND xã Kim Chính: ${ANSWER}`);
      await screenshot(district, 'kim-son-4-report');
    });
  },
);
