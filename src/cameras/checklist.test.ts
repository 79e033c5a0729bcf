import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { multipartBody } from '../../test/multipart';
import { inTransaction } from '../core/context';
import { auditLog } from '../core/schema';
import { storeFile } from '../files/service';
import type { Unit } from '../units/contract';
import { recordAutomatedResult } from './checklist-service';
import { AUDIT_CRITERIA, BUILTIN_CRITERIA_SETS } from './criteria-catalogue';

let t: TestApp;
let unit: Unit;
let other: Unit;
let officer: Agent;
let admin: Agent;
let rootAdmin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'UB-A' });
  other = await buildUnit(t.sys, { parentId: t.root.id, code: 'UB-B' });
  await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer', username: 'cb-a' });
  await buildUser(t.sys, { unitId: unit.id, role: 'admin', username: 'qt-a' });
  await buildUser(t.sys, { unitId: t.root.id, role: 'admin', username: 'qt-goc' });
  officer = await signIn(t.app, 'cb-a', USER_PASSWORD);
  admin = await signIn(t.app, 'qt-a', USER_PASSWORD);
  rootAdmin = await signIn(t.app, 'qt-goc', USER_PASSWORD);
});
afterAll(() => t.close());

async function camera(u: Unit, ip: string) {
  return (await rootAdmin.request('POST', '/api/cameras', { unitId: u.id, ip })).json() as { id: string };
}

describe('criteria catalogue', () => {
  it('ships QCVN 135, QĐ 724 and CT 23 with sources and stable ids, and every audit id exists', async () => {
    const sets = (await officer.request('GET', '/api/camera-criteria')).json().items;
    const keys = sets.flatMap((s: { criteria: { key: string }[] }) => s.criteria.map((c) => c.key));
    expect(sets.map((s: { code: string }) => s.code).sort()).toEqual(['ct23', 'qcvn135', 'qd724']);
    expect(sets.find((s: { code: string }) => s.code === 'qcvn135')).toMatchObject({
      mandatory: true,
      builtin: true,
      source: expect.stringContaining('21/2024/TT-BTTTT'),
    });
    for (const key of Object.values(AUDIT_CRITERIA).flat()) expect(keys).toContain(key);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+\.[a-z0-9-]+\.[a-z0-9-]+$/);
    expect(new Set(keys).size).toBe(BUILTIN_CRITERIA_SETS.reduce((n, s) => n + s.criteria.length, 0));
  });

  it('lets an admin add the 294/CATTT-ATHTTT set and a criterion without a code change; others are refused', async () => {
    const body = {
      code: 'cv294',
      version: '2023',
      name: 'Bộ tiêu chí kỹ thuật cơ bản đối với camera giám sát',
      source: 'Công văn 294/CATTT-ATHTTT ngày 13/3/2023 của Cục An toàn thông tin',
      criteria: [{ key: 'cv294.auth.default-password', titleVi: 'Yêu cầu đổi mật khẩu mặc định' }],
    };
    expect((await officer.request('POST', '/api/camera-criteria/sets', body)).statusCode).toBe(403);
    const created = await admin.request('POST', '/api/camera-criteria/sets', body);
    expect(created.statusCode, created.body).toBe(201);
    const again = await admin.request('POST', '/api/camera-criteria/sets', body);
    expect(again.json().code).toBe('CRITERIA_SET_TAKEN');
    const added = await admin.request('POST', `/api/camera-criteria/sets/${created.json().id}/criteria`, {
      key: 'cv294.channel.https',
      titleVi: 'Giao diện quản trị dùng HTTPS',
      scope: 'camera',
    });
    expect(added.statusCode).toBe(201);
    const wrongSet = await admin.request('POST', `/api/camera-criteria/sets/${created.json().id}/criteria`, {
      key: 'qcvn135.x.y',
      titleVi: 'x',
    });
    expect(wrongSet.statusCode).toBe(400);
    const bad = await admin.request('POST', '/api/camera-criteria/sets', { ...body, code: 'BAD CODE' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('checklist per camera and per system', () => {
  it('records a person’s answer with a note or a stored file, and refuses a file of another unit', async () => {
    const cam = await camera(unit, '198.18.2.1');
    const list = (await officer.request('GET', `/api/cameras/${cam.id}/checklist`)).json();
    const row = list.rows.find(
      (r: { criterion: { key: string } }) => r.criterion.key === 'qcvn135.conformity.certificate',
    );
    expect(row.status).toBe('unknown');
    const upload = multipartBody('file', [
      { name: 'chung-nhan.txt', content: 'Giấy chứng nhận hợp quy số 01' },
    ]);
    const stored = await t.app.inject({
      method: 'POST',
      url: `/api/camera-evidence?unitId=${unit.id}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, ...upload.headers },
      payload: upload.payload,
    });
    expect(stored.statusCode, stored.body).toBe(201);
    const res = await officer.request('PUT', `/api/cameras/${cam.id}/checklist`, {
      criterionId: row.criterion.id,
      status: 'pass',
      fileId: stored.json().id,
      note: 'Chứng nhận hợp quy',
    });
    const after = res
      .json()
      .rows.find((r: { criterion: { key: string } }) => r.criterion.key === 'qcvn135.conformity.certificate');
    expect(after).toMatchObject({
      status: 'pass',
      evidenceKind: 'file',
      fileId: stored.json().id,
      recordedBy: 'cb-a',
    });
    const foreignFile = await storeFile(
      t.sys,
      other.id,
      { name: 'x.txt', content: Buffer.from('khác') },
      { allowed: ['text'] },
    );
    const cited = await rootAdmin.request('PUT', `/api/cameras/${cam.id}/checklist`, {
      criterionId: row.criterion.id,
      status: 'pass',
      fileId: foreignFile.id,
    });
    expect(cited.json().code).toBe('EVIDENCE_FILE_FOREIGN');
    const sysRow = list.rows.find((r: { criterion: { scope: string } }) => r.criterion.scope === 'camera');
    const system = (
      await officer.request('POST', '/api/camera-systems', { unitId: unit.id, name: 'HT' })
    ).json();
    const mismatch = await officer.request('PUT', `/api/camera-systems/${system.id}/checklist`, {
      criterionId: sysRow.criterion.id,
      status: 'pass',
    });
    expect(mismatch.json().code).toBe('CRITERION_SCOPE_MISMATCH');
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'camera_checklist.set'), eq(auditLog.targetId, cam.id)));
    expect(audit[0]!.details).toMatchObject({
      key: 'qcvn135.conformity.certificate',
      from: 'unknown',
      to: 'pass',
    });
  });

  it('takes automated results from the audit, keeps a person’s “not applicable”', async () => {
    const cam = await camera(unit, '198.18.2.2');
    const write = (key: string, status: 'pass' | 'fail') =>
      inTransaction(t.sys, (tx) =>
        recordAutomatedResult(tx, {
          unitId: unit.id,
          cameraId: cam.id,
          key,
          status,
          source: 'camera-audit run 1',
          detail: { port: 23 },
        }),
      );
    expect(await write('qcvn135.interface.exposed-services', 'fail')).toBe(true);
    const rows = (await officer.request('GET', `/api/cameras/${cam.id}/checklist`)).json().rows;
    const exposed = rows.find(
      (r: { criterion: { key: string } }) => r.criterion.key === 'qcvn135.interface.exposed-services',
    );
    expect(exposed).toMatchObject({
      status: 'fail',
      evidenceKind: 'automated',
      automatedSource: 'camera-audit run 1',
      automatedDetail: { port: 23 },
    });
    const lockout = rows.find(
      (r: { criterion: { key: string } }) => r.criterion.key === 'qd724.bruteforce.lockout',
    );
    await officer.request('PUT', `/api/cameras/${cam.id}/checklist`, {
      criterionId: lockout.criterion.id,
      status: 'not_applicable',
      note: 'Không thử khóa tài khoản',
    });
    expect(await write('qd724.bruteforce.lockout', 'fail')).toBe(false);
    await expect(write('nope.no.such', 'pass')).rejects.toMatchObject({ code: 'CRITERION_NOT_FOUND' });
  });
});

describe('compliance at a glance', () => {
  it('counts per status for the unit, shows the most failed criterion, and the root sees every unit', async () => {
    const b1 = await camera(other, '198.18.3.1');
    const b2 = await camera(other, '198.18.3.2');
    for (const cam of [b1, b2]) {
      await inTransaction(t.sys, (tx) =>
        recordAutomatedResult(tx, {
          unitId: other.id,
          cameraId: cam.id,
          key: 'qcvn135.auth.default-password',
          status: 'fail',
          source: 'test',
          detail: {},
        }),
      );
    }
    await inTransaction(t.sys, (tx) =>
      recordAutomatedResult(tx, {
        unitId: other.id,
        cameraId: b1.id,
        key: 'qcvn135.channel.encrypted',
        status: 'pass',
        source: 'test',
        detail: {},
      }),
    );
    const res = await rootAdmin.request('GET', `/api/camera-compliance?unitId=${other.id}`);
    const summary = res.json();
    expect(summary.cameras).toBe(2);
    expect(summary.counts).toMatchObject({ fail: 2, pass: 1 });
    const sets = (await officer.request('GET', '/api/camera-criteria')).json().items;
    const perCamera = sets
      .filter((s: { active: boolean }) => s.active)
      .flatMap((s: { criteria: { scope: string }[] }) => s.criteria)
      .filter((c: { scope: string }) => c.scope !== 'system').length;
    expect(summary.counts.unknown).toBe(2 * perCamera - 3);
    expect(summary.topFailing[0]).toMatchObject({ key: 'qcvn135.auth.default-password', failures: 2 });
    const root = (await rootAdmin.request('GET', '/api/camera-compliance')).json();
    expect(root.perUnit.map((u: { unitCode: string }) => u.unitCode)).toEqual(
      expect.arrayContaining(['UB-A', 'UB-B']),
    );
    expect(root.cameras).toBeGreaterThanOrEqual(4);
    // A unit officer of UB-A cannot read UB-B.
    expect((await officer.request('GET', `/api/camera-compliance?unitId=${other.id}`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
  });
});
