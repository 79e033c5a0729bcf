import { count } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { multipartBody } from '../../test/multipart';
import { auditLog } from '../core/schema';
import { storedFiles } from '../files/schema';
import type { Unit } from '../units/contract';
import { produceReminders } from './reminders';
import { type ReportEmail, sendReport } from './reports';
import { incidentEvidence } from './schema';
import { openIncidentFrom } from './service';

let t: TestApp;
let admin: Agent;
let officer: Agent;
let unit: Unit;
let other: Unit;

const DETECTED = '2026-01-05T08:30:00+07:00';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unit = await buildUnit(t.sys, {
    parentId: t.root.id,
    code: 'KIMSON',
    name: 'UBND xã Kim Sơn',
    issuerParentName: 'UBND TỈNH NINH BÌNH',
    issuerName: 'ỦY BAN NHÂN DÂN XÃ KIM SƠN',
    placeName: 'Kim Sơn',
    signerAuthority: 'KT. CHỦ TỊCH',
    signerTitle: 'PHÓ CHỦ TỊCH',
  });
  other = await buildUnit(t.sys, { parentId: t.root.id, code: 'OTHER' });
  await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer', username: 'officer' });
  officer = await signIn(t.app, 'officer', USER_PASSWORD);
});
afterAll(() => t.close());

async function counts() {
  const [a] = await t.db.select({ n: count() }).from(auditLog);
  const [f] = await t.db.select({ n: count() }).from(storedFiles);
  const [e] = await t.db.select({ n: count() }).from(incidentEvidence);
  return { audit: a!.n, files: f!.n, evidence: e!.n };
}

async function openCase(agent: Agent, extra: Record<string, unknown> = {}) {
  const res = await agent.request('POST', '/api/incidents', {
    unitId: unit.id,
    title: 'Cổng thông tin xã bị thay đổi giao diện',
    description: 'Trang chủ bị thay bằng nội dung lạ.',
    category: 'defacement',
    severity: 'high',
    detectedAt: DETECTED,
    affectedSystems: 'Cổng thông tin điện tử xã Kim Sơn (kimson.ninhbinh.gov.vn)',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string; regime: string; status: string };
}

/** The visible text of a DOCX, paragraph by paragraph. */
async function docxText(content: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(content);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => p.replace(/<[^>]+>/g, ''))
    .join('\n')
    .replace(/&amp;/g, '&');
}

describe('cases', () => {
  it('opens a case with a yearly reference and the regime in force at detection; other units cannot see it', async () => {
    const first = await openCase(officer);
    expect(first.reference).toMatch(/^SC-2026-\d{4}$/);
    expect(first.regime).toBe('nd85-2016');
    const later = await openCase(officer, { detectedAt: '2026-07-02T10:00:00+07:00' });
    expect(later.regime).toBe('nd331-2026');
    const outsider = await buildUser(t.sys, { unitId: other.id, role: 'unit_officer' });
    const stranger = await signIn(t.app, outsider.username, USER_PASSWORD);
    expect((await stranger.request('GET', `/api/incidents/${first.id}`)).json().code).toBe('SCOPE_FORBIDDEN');
    const list = (await stranger.request('GET', '/api/incidents')).json();
    expect(list.items.some((i: { id: string }) => i.id === first.id)).toBe(false);
  });

  it('moves only along allowed transitions, each on the timeline and audited; closing needs lessons learned', async () => {
    const c = await openCase(officer);
    const move = (status: string, note?: string) =>
      officer.request('POST', `/api/incidents/${c.id}/status`, { status, ...(note ? { note } : {}) });
    const before = await counts();
    const skip = await move('closed');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('INCIDENT_TRANSITION_NOT_ALLOWED');
    expect((await counts()).audit).toBe(before.audit);
    for (const status of ['triage', 'containment', 'eradication', 'recovery']) {
      expect((await move(status)).statusCode).toBe(200);
    }
    expect((await move('closed')).json().code).toBe('INCIDENT_LESSONS_REQUIRED');
    await officer.request('PATCH', `/api/incidents/${c.id}`, { lessonsLearned: 'Cập nhật CMS hằng tháng.' });
    const closed = await move('closed');
    expect(closed.json().status).toBe('closed');
    expect(closed.json().responseEndedAt).not.toBeNull();
    const detail = (await officer.request('GET', `/api/incidents/${c.id}`)).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'status')).toHaveLength(5);
    expect(detail.allowedTransitions).toEqual(['triage']);
    expect((await counts()).audit - before.audit).toBe(6);
    // Báo cáo kết thúc now has a deadline, 5 days after the end of the response.
    const ketThuc = detail.reports.find((r: { form: string }) => r.form === 'bao_cao_ket_thuc');
    expect(ketThuc.applies).toBe(true);
    expect(new Date(ketThuc.dueAt).getTime() - new Date(detail.responseEndedAt).getTime()).toBe(
      5 * 86_400_000,
    );
  });

  it('validates and normalises indicators; refuses duplicates and nonsense', async () => {
    const c = await openCase(officer);
    const add = (type: string, value: string) =>
      officer.request('POST', `/api/incidents/${c.id}/indicators`, { type, value });
    const ok = await add('domain', 'Evil.Example.COM.');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().value).toBe('evil.example.com');
    expect((await add('domain', 'evil.example.com')).json().code).toBe('INCIDENT_INDICATOR_EXISTS');
    const bad = await add('ipv4', '999.1.1.1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INCIDENT_INDICATOR_INVALID');
  });

  it('opens one case per source finding, however often the caller asks', async () => {
    const source = {
      kind: 'vuln_finding' as const,
      id: 'finding-42',
      summary: 'CVE-2023-23397 khai thác trên máy kế toán',
    };
    const input = {
      unitId: unit.id,
      category: 'vulnerability_exploit' as const,
      severity: 'critical' as const,
      detectedAt: new Date(DETECTED),
    };
    const a = await openIncidentFrom(t.sys, source, input);
    const b = await openIncidentFrom(t.sys, source, input);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.incident.id).toBe(a.incident.id);
    expect(a.incident.title).toBe(source.summary);
  });
});

describe('evidence', () => {
  it('stores a file with its SHA-256 and serves the same bytes back', async () => {
    const c = await openCase(officer);
    const body = multipartBody('file', [
      { name: 'access.log', content: '203.0.113.9 - - "POST /upload.php"\n' },
    ]);
    const res = await officer.request('POST', `/api/incidents/${c.id}/evidence`, body.payload, body.headers);
    expect(res.statusCode, res.body).toBe(201);
    const evidence = res.json();
    expect(evidence.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await officer.request('GET', `/api/files/${evidence.file.id}/content`);
    expect(download.body).toBe('203.0.113.9 - - "POST /upload.php"\n');
    expect(download.headers['x-file-sha256']).toBe(evidence.file.sha256);
  });

  it('refuses a fake DOCX and leaves nothing behind (no file, no link, no audit row)', async () => {
    const c = await openCase(officer);
    const before = await counts();
    const body = multipartBody('file', [
      { name: 'bao-cao.docx', content: '<html><script>alert(1)</script></html>' },
    ]);
    const res = await officer.request('POST', `/api/incidents/${c.id}/evidence`, body.payload, body.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TYPE_MISMATCH');
    expect(res.json().message).toContain('bao-cao.docx');
    expect(await counts()).toEqual(before);
  });
});

describe('reports', () => {
  it('fills Thông báo sự cố from the case, refuses to generate while fields are missing, then renders the DOCX', async () => {
    const c = await openCase(officer);
    await officer.request('POST', `/api/incidents/${c.id}/indicators`, {
      type: 'ipv4',
      value: '203.0.113.25',
    });
    const url = `/api/incidents/${c.id}/reports/thong_bao`;
    const form = (await officer.request('GET', url)).json();
    expect(form.fields.detectedAt).toBe('08 giờ 30 phút ngày 05 tháng 01 năm 2026');
    expect(form.fields.system).toContain('203.0.113.25');
    expect(new Date(form.dueAt).toISOString()).toBe(new Date('2026-01-10T08:30:00+07:00').toISOString());
    expect(form.recipientContactIds.length).toBeGreaterThanOrEqual(2);
    const before = await counts();
    const refused = await officer.request('POST', `${url}/generate`);
    expect(refused.json().code).toBe('INCIDENT_REPORT_FIELDS_MISSING');
    expect(refused.json().message).toContain('Người ký');
    expect(await counts()).toEqual(before);

    await officer.request('PATCH', url, {
      fields: { ...form.fields, signerName: 'Nguyễn Văn An', result: 'Đã ngắt kết nối máy chủ.' },
    });
    const generated = await officer.request('POST', `${url}/generate`);
    expect(generated.statusCode, generated.body).toBe(200);
    const report = generated.json();
    expect(report.generatedBy).toBe('officer');
    const file = await officer.request('GET', `/api/files/${report.fileId}/content`);
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
    const c = await openCase(officer, { beyondCapacity: true });
    const fill = async (form: string, fields: Record<string, string>) => {
      const url = `/api/incidents/${c.id}/reports/${form}`;
      const current = (await officer.request('GET', url)).json();
      await officer.request('PATCH', url, {
        fields: { ...current.fields, signerName: 'Nguyễn Văn An', ...fields },
      });
      const res = await officer.request('POST', `${url}/generate`);
      expect(res.statusCode, res.body).toBe(200);
      return docxText((await officer.request('GET', `/api/files/${res.json().fileId}/content`)).rawPayload);
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
      (await officer.request('POST', `/api/incidents/${c.id}/reports/bao_cao_ket_thuc/generate`)).json().code,
    ).toBe('INCIDENT_REPORT_NOT_APPLICABLE');
    for (const status of ['triage', 'containment', 'eradication', 'recovery']) {
      await officer.request('POST', `/api/incidents/${c.id}/status`, { status });
    }
    await officer.request('PATCH', `/api/incidents/${c.id}`, { lessonsLearned: 'Vá CMS kịp thời.' });
    await officer.request('POST', `/api/incidents/${c.id}/status`, { status: 'closed' });
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
    const c = await openCase(officer);
    const url = `/api/incidents/${c.id}/reports/thong_bao`;
    const current = (await officer.request('GET', url)).json();
    await officer.request('PATCH', url, { fields: { ...current.fields, signerName: 'Nguyễn Văn An' } });
    const generated = (await officer.request('POST', `${url}/generate`)).json();
    // Over HTTP the app has no mailer until src/notify is wired: a clear 503 and nothing recorded.
    const unwired = await officer.request('POST', `${url}/send`, { channel: 'email' });
    expect(unwired.statusCode).toBe(503);
    expect(unwired.json().code).toBe('INCIDENT_MAIL_NOT_CONFIGURED');
    const sent: ReportEmail[] = [];
    const summary = await sendReport(t.sys, c.id, 'thong_bao', { channel: 'email' }, async (m) => {
      sent.push(m);
      return { messageId: '<1@test>' };
    });
    expect(summary.sentVia).toBe('email');
    expect(summary.countdown.state).toBe('sent');
    expect(sent[0]!.to.map((r) => r.address)).toEqual(
      expect.arrayContaining(['ir@vncert.vn', 'ais@mic.gov.vn']),
    );
    expect(sent[0]!.subject).toContain(c.reference);
    const stored = await officer.request('GET', `/api/files/${generated.fileId}/content`);
    expect(sent[0]!.attachments[0]!.content.equals(stored.rawPayload)).toBe(true);
  });

  it('records a report sent by công văn', async () => {
    const c = await openCase(officer);
    const url = `/api/incidents/${c.id}/reports/thong_bao`;
    const current = (await officer.request('GET', url)).json();
    await officer.request('PATCH', url, { fields: { ...current.fields, signerName: 'Nguyễn Văn An' } });
    await officer.request('POST', `${url}/generate`);
    const res = await officer.request('POST', `${url}/send`, { channel: 'cong_van', note: 'Số 12/UBND-VP' });
    expect(res.json().sentVia).toBe('cong_van');
  });
});

describe('reminders and settings', () => {
  it('produces one reminder per report and threshold, before and after the deadline', async () => {
    const reminderUnit = await buildUnit(t.sys, { parentId: t.root.id, code: 'REMIND' });
    const res = await admin.request('POST', '/api/incidents', {
      unitId: reminderUnit.id,
      title: 'Mã độc trên máy trạm',
      category: 'malware',
      severity: 'medium',
      detectedAt: '2026-02-01T10:00:00+07:00',
    });
    const id = res.json().id;
    const scoped = { ...t.sys, unitPath: `/${t.root.id}/${reminderUnit.id}/` };
    expect(await produceReminders(scoped, new Date('2026-02-04T10:00:00+07:00'))).toEqual([]);
    const soon = await produceReminders(scoped, new Date('2026-02-05T12:00:00+07:00'));
    expect(soon.map((r) => [r.incidentId, r.form, r.threshold])).toEqual([[id, 'thong_bao', 'due_soon']]);
    expect(await produceReminders(scoped, new Date('2026-02-05T13:00:00+07:00'))).toEqual([]);
    const late = await produceReminders(scoped, new Date('2026-02-06T10:00:00.001+07:00'));
    expect(late.map((r) => r.threshold)).toEqual(['overdue']);
  });

  it('ships the dispatch contacts with a checked-on date; an admin edits them and a deadline', async () => {
    const list = (await officer.request('GET', '/api/incident-contacts')).json();
    const vncert = list.items.find((c: { builtinCode: string }) => c.builtinCode === 'vncert-cc');
    expect(vncert).toMatchObject({ email: 'ir@vncert.vn', hotline: '086.9100.317', checkedOn: '2023-03-01' });
    expect(vncert.note).toContain('Bộ Công an');
    expect(
      (await officer.request('PATCH', `/api/incident-contacts/${vncert.id}`, { checkedOn: '2026-12-01' }))
        .statusCode,
    ).toBe(403);
    const edited = await admin.request('PATCH', `/api/incident-contacts/${vncert.id}`, {
      checkedOn: '2026-12-01',
    });
    expect(edited.json().checkedOn).toBe('2026-12-01');
    // Shipping again does not overwrite the edit.
    const again = (await admin.request('GET', '/api/incident-contacts')).json();
    expect(again.items.find((c: { id: string }) => c.id === vncert.id).checkedOn).toBe('2026-12-01');
    const put = await admin.request('PUT', '/api/incident-deadlines', {
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
    const c = await openCase(officer);
    await officer.request('POST', `/api/incidents/${c.id}/indicators`, {
      type: 'sha256',
      value: 'ab'.repeat(32),
    });
    const stix = await officer.request('GET', `/api/incidents/${c.id}/export/stix`);
    expect(stix.headers['content-type']).toContain('application/stix+json');
    expect(stix.json().objects.some((o: { pattern?: string }) => o.pattern?.includes('SHA-256'))).toBe(true);
    const misp = await officer.request('GET', `/api/incidents/${c.id}/export/misp`);
    expect(misp.json().Event.Attribute[0].type).toBe('sha256');
  });
});
