import { describe, expect, it } from 'vitest';
import { buildUnit } from '../../test/factories';
import { produceReminders } from './reminders';
import { type ReportEmail, sendReport } from './reports';
import { counts, docxText, fx, openCase, setUpIncidentTests } from './test-fixture';

setUpIncidentTests();

describe('reports', () => {
  it('fills Thông báo sự cố from the case, refuses to generate while fields are missing, then renders the DOCX', async () => {
    const c = await openCase(fx.officer);
    await fx.officer.request('POST', `/api/incidents/${c.id}/indicators`, {
      type: 'ipv4',
      value: '203.0.113.25',
    });
    const url = `/api/incidents/${c.id}/reports/thong_bao`;
    const form = (await fx.officer.request('GET', url)).json();
    expect(form.fields.detectedAt).toBe('08 giờ 30 phút ngày 05 tháng 01 năm 2026');
    expect(form.fields.system).toContain('203.0.113.25');
    expect(new Date(form.dueAt).toISOString()).toBe(new Date('2026-01-10T08:30:00+07:00').toISOString());
    expect(form.recipientContactIds.length).toBeGreaterThanOrEqual(2);
    const before = await counts();
    const refused = await fx.officer.request('POST', `${url}/generate`);
    expect(refused.json().code).toBe('INCIDENT_REPORT_FIELDS_MISSING');
    expect(refused.json().message).toContain('Người ký');
    expect(await counts()).toEqual(before);

    await fx.officer.request('PATCH', url, {
      fields: { ...form.fields, signerName: 'Nguyễn Văn An', result: 'Đã ngắt kết nối máy chủ.' },
    });
    const generated = await fx.officer.request('POST', `${url}/generate`);
    expect(generated.statusCode, generated.body).toBe(200);
    const report = generated.json();
    expect(report.generatedBy).toBe('officer');
    const file = await fx.officer.request('GET', `/api/files/${report.fileId}/content`);
    const text = await docxText(file.rawPayload);
    for (const block of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ỦY BAN NHÂN DÂN XÃ KIM SƠN',
      'V/v thông báo sự cố an toàn thông tin mạng',
      'Kính gửi',
      'Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)',
      'Tên, địa chỉ đơn vị thông báo',
      'Hệ thống bị sự cố (tên hoặc tên miền, địa chỉ IP)',
      'Thời điểm phát hiện\n08 giờ 30 phút ngày 05 tháng 01 năm 2026',
      'Kết quả xử lý ban đầu\nĐã ngắt kết nối máy chủ.',
      'Nơi nhận',
      'KT. CHỦ TỊCH',
      'Nguyễn Văn An',
      '203.0.113.25',
    ]) {
      expect(text, block).toContain(block);
    }
  });

  it('renders Báo cáo ban đầu (beyond capacity) and Báo cáo kết thúc with the fields of their legal sources', async () => {
    const c = await openCase(fx.officer, { beyondCapacity: true });
    const fill = async (form: string, fields: Record<string, string>) => {
      const url = `/api/incidents/${c.id}/reports/${form}`;
      const current = (await fx.officer.request('GET', url)).json();
      await fx.officer.request('PATCH', url, {
        fields: { ...current.fields, signerName: 'Nguyễn Văn An', ...fields },
      });
      const res = await fx.officer.request('POST', `${url}/generate`);
      expect(res.statusCode, res.body).toBe(200);
      return docxText(
        (await fx.officer.request('GET', `/api/files/${res.json().fileId}/content`)).rawPayload,
      );
    };
    const banDau = await fill('bao_cao_ban_dau', {
      contactName: 'Trần Văn Bình',
      contactPhone: '0912 345 678',
      measures: 'Ngắt kết nối;\nđổi mật khẩu',
    });
    for (const block of [
      'BÁO CÁO',
      'Ban đầu sự cố an toàn thông tin mạng',
      'Căn cứ Quyết định số 05/2017/QĐ-TTg',
      'I. THÔNG TIN CHUNG',
      'II. ĐẦU MỐI LIÊN HỆ',
      'Họ và tên\nTrần Văn Bình',
      'III. MÔ TẢ SỰ CỐ',
      'Loại sự cố\nThay đổi giao diện trái phép (deface)',
      'V. BIỆN PHÁP VÀ KẾT QUẢ',
      'Ngắt kết nối;; đổi mật khẩu',
    ]) {
      expect(banDau, block).toContain(block);
    }
    expect(
      (await fx.officer.request('POST', `/api/incidents/${c.id}/reports/bao_cao_ket_thuc/generate`)).json()
        .code,
    ).toBe('INCIDENT_REPORT_NOT_APPLICABLE');
    for (const status of ['triage', 'containment', 'eradication', 'recovery']) {
      await fx.officer.request('POST', `/api/incidents/${c.id}/status`, { status });
    }
    await fx.officer.request('PATCH', `/api/incidents/${c.id}`, { lessonsLearned: 'Vá CMS kịp thời.' });
    await fx.officer.request('POST', `/api/incidents/${c.id}/status`, { status: 'closed' });
    const ketThuc = await fill('bao_cao_ket_thuc', {
      cause: 'Lỗ hổng tải tệp của CMS.',
      measures: 'Khôi phục từ bản sao lưu.',
    });
    for (const block of [
      'Kết thúc ứng phó sự cố',
      'Nguyên nhân\nLỗ hổng tải tệp của CMS.',
      'Bài học kinh nghiệm\nVá CMS kịp thời.',
      'Diễn biến xử lý',
    ]) {
      expect(ketThuc, block).toContain(block);
    }
  });

  it('sends by e-mail through the mailer it is given, with the DOCX attached, and records it', async () => {
    const c = await openCase(fx.officer);
    const url = `/api/incidents/${c.id}/reports/thong_bao`;
    const current = (await fx.officer.request('GET', url)).json();
    await fx.officer.request('PATCH', url, { fields: { ...current.fields, signerName: 'Nguyễn Văn An' } });
    const generated = (await fx.officer.request('POST', `${url}/generate`)).json();
    // Over HTTP the platform mails through src/notify: with no e-mail channel set up, a clear 409 and nothing recorded.
    const unwired = await fx.officer.request('POST', `${url}/send`, { channel: 'email' });
    expect(unwired.statusCode).toBe(409);
    expect(unwired.json().code).toBe('EMAIL_CHANNEL_MISSING');
    expect((await fx.officer.request('GET', url)).json().sentAt ?? null).toBeNull();
    const sent: ReportEmail[] = [];
    const summary = await sendReport(fx.t.sys, c.id, 'thong_bao', { channel: 'email' }, async (m) => {
      sent.push(m);
      return { messageId: '<1@test>' };
    });
    expect(summary.sentVia).toBe('email');
    expect(summary.countdown.state).toBe('sent');
    expect(sent[0]!.to.map((r) => r.address)).toEqual(
      expect.arrayContaining(['ir@vncert.vn', 'ais@mic.gov.vn']),
    );
    expect(sent[0]!.subject).toContain(c.reference);
    const stored = await fx.officer.request('GET', `/api/files/${generated.fileId}/content`);
    expect(sent[0]!.attachments[0]!.content.equals(stored.rawPayload)).toBe(true);
  });

  it('records a report sent by công văn', async () => {
    const c = await openCase(fx.officer);
    const url = `/api/incidents/${c.id}/reports/thong_bao`;
    const current = (await fx.officer.request('GET', url)).json();
    await fx.officer.request('PATCH', url, { fields: { ...current.fields, signerName: 'Nguyễn Văn An' } });
    await fx.officer.request('POST', `${url}/generate`);
    const res = await fx.officer.request('POST', `${url}/send`, {
      channel: 'cong_van',
      note: 'Số 12/UBND-VP',
    });
    expect(res.json().sentVia).toBe('cong_van');
  });
});

describe('reminders and settings', () => {
  it('produces one reminder per report and threshold, before and after the deadline', async () => {
    const reminderUnit = await buildUnit(fx.t.sys, { parentId: fx.t.root.id, code: 'REMIND' });
    const res = await fx.admin.request('POST', '/api/incidents', {
      unitId: reminderUnit.id,
      title: 'Mã độc trên máy trạm',
      category: 'malware',
      severity: 'medium',
      detectedAt: '2026-02-01T10:00:00+07:00',
    });
    const id = res.json().id;
    const scoped = { ...fx.t.sys, unitPath: `/${fx.t.root.id}/${reminderUnit.id}/` };
    expect(await produceReminders(scoped, new Date('2026-02-04T10:00:00+07:00'))).toEqual([]);
    const soon = await produceReminders(scoped, new Date('2026-02-05T12:00:00+07:00'));
    expect(soon.map((r) => [r.incidentId, r.form, r.threshold])).toEqual([[id, 'thong_bao', 'due_soon']]);
    expect(await produceReminders(scoped, new Date('2026-02-05T13:00:00+07:00'))).toEqual([]);
    const late = await produceReminders(scoped, new Date('2026-02-06T10:00:00.001+07:00'));
    expect(late.map((r) => r.threshold)).toEqual(['overdue']);
  });

  it('ships the dispatch contacts with a checked-on date; an admin edits them and a deadline', async () => {
    const list = (await fx.officer.request('GET', '/api/incident-contacts')).json();
    const vncert = list.items.find((c: { builtinCode: string }) => c.builtinCode === 'vncert-cc');
    expect(vncert).toMatchObject({ email: 'ir@vncert.vn', hotline: '086.9100.317', checkedOn: '2023-03-01' });
    expect(vncert.note).toContain('Bộ Công an');
    expect(
      (await fx.officer.request('PATCH', `/api/incident-contacts/${vncert.id}`, { checkedOn: '2026-12-01' }))
        .statusCode,
    ).toBe(403);
    const edited = await fx.admin.request('PATCH', `/api/incident-contacts/${vncert.id}`, {
      checkedOn: '2026-12-01',
    });
    expect(edited.json().checkedOn).toBe('2026-12-01');
    // Shipping again does not overwrite the edit.
    const again = (await fx.admin.request('GET', '/api/incident-contacts')).json();
    expect(again.items.find((c: { id: string }) => c.id === vncert.id).checkedOn).toBe('2026-12-01');
    const put = await fx.admin.request('PUT', '/api/incident-deadlines', {
      regime: 'nd331-2026',
      form: 'thong_bao',
      hours: 12,
      source: 'Hướng dẫn của Bộ Công an',
    });
    const rule = put
      .json()
      .items.find(
        (r: { regime: string; form: string }) => r.regime === 'nd331-2026' && r.form === 'thong_bao',
      );
    expect(rule).toMatchObject({ hours: 12, unverified: false });
  });

  it('exports STIX and MISP as downloads', async () => {
    const c = await openCase(fx.officer);
    await fx.officer.request('POST', `/api/incidents/${c.id}/indicators`, {
      type: 'sha256',
      value: 'ab'.repeat(32),
    });
    const stix = await fx.officer.request('GET', `/api/incidents/${c.id}/export/stix`);
    expect(stix.headers['content-type']).toContain('application/stix+json');
    expect(stix.json().objects.some((o: { pattern?: string }) => o.pattern?.includes('SHA-256'))).toBe(true);
    const misp = await fx.officer.request('GET', `/api/incidents/${c.id}/export/misp`);
    expect(misp.json().Event.Attribute[0].type).toBe('sha256');
  });
});
