import { count } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { readDocx } from '../../test/docx';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { auditLog } from '../core/schema';
import { storedFiles } from '../files/schema';
import type { Unit } from '../units/contract';
import { incidentEvidence } from './schema';

/** The app, two units (one with document settings) and the signed-in agents the incident tests share. */
export const fx = {} as { t: TestApp; admin: Agent; officer: Agent; unit: Unit; other: Unit };

export const DETECTED = '2026-01-05T08:30:00+07:00';

/** Registers the hooks in the calling test file. */
export function setUpIncidentTests(): void {
  beforeAll(async () => {
    fx.t = await createTestApp();
    fx.admin = await signIn(fx.t.app, 'admin', ADMIN_PASSWORD);
    fx.unit = await buildUnit(fx.t.sys, {
      parentId: fx.t.root.id,
      code: 'KIMSON',
      name: 'UBND xã Kim Sơn',
      issuerParentName: 'UBND TỈNH NINH BÌNH',
      issuerName: 'ỦY BAN NHÂN DÂN XÃ KIM SƠN',
      placeName: 'Kim Sơn',
      signerAuthority: 'KT. CHỦ TỊCH',
      signerTitle: 'PHÓ CHỦ TỊCH',
    });
    fx.other = await buildUnit(fx.t.sys, { parentId: fx.t.root.id, code: 'OTHER' });
    await buildUser(fx.t.sys, { unitId: fx.unit.id, role: 'unit_officer', username: 'officer' });
    fx.officer = await signIn(fx.t.app, 'officer', USER_PASSWORD);
  });
  afterAll(() => fx.t.close());
}

export async function counts() {
  const [a] = await fx.t.db.select({ n: count() }).from(auditLog);
  const [f] = await fx.t.db.select({ n: count() }).from(storedFiles);
  const [e] = await fx.t.db.select({ n: count() }).from(incidentEvidence);
  return { audit: a!.n, files: f!.n, evidence: e!.n };
}

export async function openCase(agent: Agent, extra: Record<string, unknown> = {}) {
  const res = await agent.request('POST', '/api/incidents', {
    unitId: fx.unit.id,
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
export async function docxText(content: Buffer): Promise<string> {
  return (await readDocx(content)).paragraphs.map((p) => p.text).join('\n');
}
