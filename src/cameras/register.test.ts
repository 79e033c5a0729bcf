import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { readDocx } from '../../test/docx';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { auditLog } from '../core/schema';
import type { Unit } from '../units/contract';
import { updateUnit } from '../units/service';
import { proposeAssessment } from './assessments-service';
import { renderAssessmentDossier } from './dossier-service';
import { defaultAnswers } from './levels/index';
import { createSystem } from './systems-service';

let t: TestApp;
let unit: Unit;
let officer: Agent;
let officer2: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-KS', name: 'UBND xã Kim Sơn' });
  await updateUnit(t.sys, unit.id, {
    issuerParentName: 'UBND TỈNH NINH BÌNH',
    issuerName: 'ỦY BAN NHÂN DÂN XÃ KIM SƠN',
    placeName: 'Kim Sơn',
    signerAuthority: 'KT. CHỦ TỊCH',
    signerTitle: 'PHÓ CHỦ TỊCH',
  });
  for (const [name, role] of [
    ['can-bo-1', 'unit_officer'],
    ['can-bo-2', 'unit_officer'],
    ['quan-tri', 'admin'],
  ] as const) {
    await buildUser(t.sys, { unitId: unit.id, role, username: name });
  }
  officer = await signIn(t.app, 'can-bo-1', USER_PASSWORD);
  officer2 = await signIn(t.app, 'can-bo-2', USER_PASSWORD);
  admin = await signIn(t.app, 'quan-tri', USER_PASSWORD);
});
afterAll(() => t.close());

const ANSWERS = { systemType: 'noi_bo', informationTypes: ['ca_nhan'] };

async function newSystem(name: string) {
  const res = await officer.request('POST', '/api/camera-systems', {
    unitId: unit.id,
    name,
    purpose: 'Giám sát an ninh trụ sở',
    monitoredAreas: 'Cổng chính, bộ phận một cửa',
    storageLocation: 'nvr_local',
    retentionDays: 30,
    ownerName: 'Ủy ban nhân dân xã Kim Sơn',
    operatorName: 'Văn phòng HĐND và UBND xã',
    internetExposure: 'cloud_p2p',
    cameraCount: 16,
    nvrCount: 1,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('camera systems', () => {
  it('registers a system, refuses a second one with the same name, and audits the change', async () => {
    const system = await newSystem('Camera trụ sở');
    const clash = await officer.request('POST', '/api/camera-systems', {
      unitId: unit.id,
      name: 'camera TRỤ SỞ',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('CAMERA_SYSTEM_NAME_TAKEN');
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'camera_system.create'), eq(auditLog.targetId, system.id)));
    expect(rows).toHaveLength(1);
    const list = await officer.request('GET', `/api/camera-systems?unitId=${unit.id}`);
    expect(list.json().items.map((s: { name: string }) => s.name)).toContain('Camera trụ sở');
  });
});

describe('level assessment workflow', () => {
  it('suggests with the clause behind each answer, never a bare number', async () => {
    const res = await officer.request('POST', '/api/camera-levels/suggest', {
      regime: 'nd85-2016',
      answers: ANSWERS,
    });
    expect(res.statusCode).toBe(200);
    const { suggestion, path } = res.json();
    expect(suggestion.level).toBe(2);
    expect(suggestion.deciding.article.vi).toBe('Điều 8 khoản 1');
    expect(
      suggestion.answers.find((a: { question: string }) => a.question === 'informationTypes').clauses,
    ).toEqual(['Điều 8 khoản 1']);
    expect(path.appraisedBy).toContain('chuyên trách');
  });

  it('proposed → appraised → approved, with who and when, by two different people', async () => {
    const system = await newSystem('Camera bộ phận một cửa');
    const proposed = await officer.request('POST', `/api/camera-systems/${system.id}/assessments`, {
      regime: 'nd331-2026',
      answers: { ...ANSWERS, handlesAdminProcedures: true },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const a = proposed.json();
    expect(a).toMatchObject({
      status: 'proposed',
      regime: 'nd331-2026',
      level: 3,
      suggestedLevel: 3,
      decidingArticle: 'Điều 13 khoản 2 điểm b',
      proposedBy: 'can-bo-1',
    });
    // The proposer may not appraise their own proposal.
    const self = await officer.request(
      'POST',
      `/api/camera-systems/${system.id}/assessments/${a.id}/appraise`,
      {},
    );
    expect(self.json().code).toBe('ASSESSMENT_SAME_PERSON');
    // Approval before appraisal is refused and changes nothing.
    const early = await officer2.request(
      'POST',
      `/api/camera-systems/${system.id}/assessments/${a.id}/approve`,
      {},
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ASSESSMENT_STEP_INVALID');
    const appraised = await officer2.request(
      'POST',
      `/api/camera-systems/${system.id}/assessments/${a.id}/appraise`,
      {
        body: 'Phòng Văn hóa - Xã hội',
        note: 'Thống nhất cấp độ 3',
      },
    );
    expect(appraised.json()).toMatchObject({
      status: 'appraised',
      appraisedBy: 'can-bo-2',
      appraisalBody: 'Phòng Văn hóa - Xã hội',
    });
    expect(appraised.json().appraisedAt).toBeTruthy();
    const approved = await admin.request(
      'POST',
      `/api/camera-systems/${system.id}/assessments/${a.id}/approve`,
      {
        decisionRef: 'Quyết định số 12/QĐ-UBND',
      },
    );
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approvedBy: 'quan-tri',
      approvalNote: 'Quyết định số 12/QĐ-UBND',
    });
    const detail = await officer.request('GET', `/api/camera-systems/${system.id}`);
    expect(detail.json()).toMatchObject({ approvedLevel: 3, approvedRegime: 'nd331-2026' });
  });

  it('lets only an admin override the suggestion, and only with a reason', async () => {
    const system = await newSystem('Camera nhà văn hóa');
    const body = {
      regime: 'nd85-2016',
      answers: ANSWERS,
      overrideLevel: 3,
      overrideReason: 'Camera ghi hình toàn bộ khu dân cư, nguy cơ cao',
    };
    const byOfficer = await officer.request('POST', `/api/camera-systems/${system.id}/assessments`, body);
    expect(byOfficer.json().code).toBe('ASSESSMENT_OVERRIDE_ADMIN');
    const noReason = await admin.request('POST', `/api/camera-systems/${system.id}/assessments`, {
      ...body,
      overrideReason: undefined,
    });
    expect(noReason.statusCode).toBe(400);
    const ok = await admin.request('POST', `/api/camera-systems/${system.id}/assessments`, body);
    expect(ok.json()).toMatchObject({
      suggestedLevel: 2,
      level: 3,
      overrideReason: body.overrideReason,
      decidingArticle: 'Điều 8 khoản 1',
    });
    // A new proposal supersedes the open one; history is kept.
    await officer.request('POST', `/api/camera-systems/${system.id}/assessments`, {
      regime: 'nd85-2016',
      answers: ANSWERS,
    });
    const list = (await officer.request('GET', `/api/camera-systems/${system.id}/assessments`)).json().items;
    expect(list.map((x: { status: string }) => x.status)).toEqual(['proposed', 'superseded']);
  });
});

async function documentXml(buffer: Buffer) {
  const { document, paragraphs } = await readDocx(buffer);
  return { xml: document, texts: paragraphs.map((p) => p.text) };
}

describe('proposal dossier (DOCX, Decree 30/2020)', () => {
  it('carries the issuer, the parts of TT 12/2022 Art 8, the answers with their clauses and the signature', async () => {
    const system = await newSystem('Camera trường mầm non');
    await officer.request('POST', '/api/cameras', {
      unitId: unit.id,
      systemId: system.id,
      vendor: 'Hikvision',
      model: 'DS-2CD1023',
      ip: '198.18.4.10',
      location: 'Sân trường',
    });
    const a = (
      await officer.request('POST', `/api/camera-systems/${system.id}/assessments`, {
        regime: 'nd85-2016',
        answers: ANSWERS,
      })
    ).json();
    const res = await officer.request(
      'GET',
      `/api/camera-systems/${system.id}/assessments/${a.id}/dossier.docx?signerName=Nguyễn Văn An`,
    );
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''ho-so-de-xuat-cap-do");
    const { texts } = await documentXml(res.rawPayload);
    for (const expected of [
      'UBND TỈNH NINH BÌNH',
      'ỦY BAN NHÂN DÂN XÃ KIM SƠN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'HỒ SƠ',
      'PHẦN I. MÔ TẢ, THUYẾT MINH TỔNG QUAN VỀ HỆ THỐNG THÔNG TIN',
      'PHẦN II. TÀI LIỆU THIẾT KẾ',
      'PHẦN III. THUYẾT MINH VỀ VIỆC ĐỀ XUẤT CẤP ĐỘ',
      'PHẦN IV. THUYẾT MINH PHƯƠNG ÁN BẢO ĐẢM AN TOÀN THÔNG TIN THEO CẤP ĐỘ',
      'Cấp độ đề xuất: cấp độ 2.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
    ]) {
      expect(texts, expected).toContain(expected);
    }
    expect(texts.some((p) => p.startsWith('Kim Sơn, ngày'))).toBe(true);
    expect(texts.some((p) => p.includes('Căn cứ Nghị định số 85/2016/NĐ-CP'))).toBe(true);
    expect(texts.some((p) => p.includes('căn cứ Điều 8 khoản 1 Nghị định 85/2016/NĐ-CP'))).toBe(true);
    // The answer table: the question, the answer in words and the clause it triggered.
    expect(texts).toContain('Loại thông tin được xử lý');
    expect(texts).toContain('Thông tin cá nhân');
    expect(texts).toContain('Hikvision DS-2CD1023');
    expect(texts.some((p) => p.includes('198.18.4.0/24'))).toBe(true);
    // Level 2: no part V (expert opinion is for levels 4–5 only).
    expect(texts.some((p) => p.startsWith('PHẦN V.'))).toBe(false);
  });

  it('adds part V for a level-4 proposal and refuses when the unit has no document settings', async () => {
    const system = await newSystem('Camera giám sát giao thông');
    const a = (
      await officer.request('POST', `/api/camera-systems/${system.id}/assessments`, {
        regime: 'nd331-2026',
        answers: { ...ANSWERS, nationalEgov247: true },
      })
    ).json();
    const res = await officer.request(
      'GET',
      `/api/camera-systems/${system.id}/assessments/${a.id}/dossier.docx`,
    );
    const { texts } = await documentXml(res.rawPayload);
    expect(texts).toContain('PHẦN V. Ý KIẾN CHUYÊN MÔN CỦA ĐƠN VỊ CHUYÊN TRÁCH');
    expect(texts.some((p) => p.includes('Luật An ninh mạng số 116/2025/QH15'))).toBe(true);
    expect(texts.some((p) => p.includes('đối chiếu với văn bản chính thức'))).toBe(true);

    const bare = await buildUnit(t.sys, { parentId: t.root.id, code: 'BARE' });
    // An admin of XA-KS cannot even see BARE.
    const foreign = await admin.request('POST', '/api/camera-systems', { unitId: bare.id, name: 'X' });
    expect(foreign.json().code).toBe('SCOPE_FORBIDDEN');
    const sys2 = await createSystem(t.sys, { unitId: bare.id, name: 'X' } as never);
    const a2 = await proposeAssessment(t.sys, sys2.id, { regime: 'nd85-2016', answers: defaultAnswers() });
    await expect(renderAssessmentDossier(t.sys, sys2.id, a2.id, {})).rejects.toMatchObject({
      code: 'DOSSIER_SETTINGS_MISSING',
      params: { fields: 'issuerName, placeName' },
    });
  });
});
