import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { projectRoot } from '../core/project-root';
import { inventoryDoc } from '../inventory/fixtures';
import type { Unit } from '../units/contract';
import { importFeedFiles } from './feed-import';
import { rematch } from './rematch';

const FIXTURES = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories');
const MAR_2024 = path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Mar.xml');
const KEV = path.join(FIXTURES, 'cisagov-kev-data', 'known_exploited_vulnerabilities.json');

let t: TestApp;
let admin: Agent;
let school: Unit;
let commune: Unit;

function windows10(hostname: string, machineId: string, ubr: number) {
  return inventoryDoc({
    hostname,
    machineId,
    os: {
      productName: 'Windows 10 Pro',
      editionId: 'Professional',
      displayVersion: '22H2',
      currentBuild: '19045',
      ubr,
      architecture: 'x64',
      installationType: 'Client',
    },
  });
}

async function findingsOf(agent: Agent, query: string) {
  const res = await agent.request('GET', `/api/findings?pageSize=500&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: Record<string, unknown>[] };
}

describe.skipIf(!fs.existsSync(FIXTURES))(
  'findings from advisories × inventory (real MSRC March 2024 + KEV)',
  () => {
    const oldPc = { name: 'KT-PC-01', id: '6f1d3c1e-0000-4000-8000-000000000001' };
    const newPc = { name: 'KT-PC-02', id: '6f1d3c1e-0000-4000-8000-000000000002' };

    beforeAll(async () => {
      t = await createTestApp();
      admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
      school = await buildUnit(t.sys, { parentId: t.root.id, code: 'TRUONG-A', kind: 'school' });
      commune = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-B', kind: 'commune' });
      await importFeedFiles(t.sys, [
        { name: 'cvrfDocument-2024-Mar.xml', content: fs.readFileSync(MAR_2024) },
        { name: 'kev.json', content: fs.readFileSync(KEV) },
      ]);
      const imported = await admin.request('POST', '/api/inventory/import', {
        unitId: school.id,
        documents: [windows10(oldPc.name, oldPc.id, 4046), windows10(newPc.name, newPc.id, 4170)],
      });
      expect(imported.statusCode, imported.body).toBe(200);
      await admin.request('POST', '/api/inventory/import', {
        unitId: commune.id,
        documents: [windows10('XA-PC-01', crypto.randomUUID(), 4046)],
      });
    });
    afterAll(() => t?.close());

    it('flags the unpatched host with the CVE, fixing KB and build, and not the patched one', async () => {
      const result = await rematch(t.sys);
      expect(result.hosts).toBe(3);
      expect(result.vulnerable).toBeGreaterThan(0);
      const { items } = await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}`);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        hostname: oldPc.name,
        match: 'vulnerable',
        status: 'open',
        fixKb: 'KB5035845',
        fixedBuild: '10.0.19045.4170',
        observed: expect.stringContaining('19045.4046'),
        rule: 'windows-build',
        confidence: 'high',
      });
      const patched = await findingsOf(admin, `unitId=${school.id}&match=vulnerable`);
      expect(patched.items.every((f) => f.hostname === oldPc.name)).toBe(true);
    });

    it('a re-match with nothing changed rewrites no host and leaves every finding as it was', async () => {
      const before = await findingsOf(admin, `unitId=${school.id}`);
      const again = await rematch(t.sys);
      expect(again).toMatchObject({ hosts: 3, rewritten: 0, closed: 0 });
      expect(again.vulnerable).toBeGreaterThan(0);
      const after = await findingsOf(admin, `unitId=${school.id}`);
      expect(after.items).toEqual(before.items);
      // A changed policy changes every due date: every host with findings is rewritten.
      await admin.request('PUT', '/api/vulns/sla', {
        exploitedDays: 5,
        criticalDays: 15,
        highDays: 30,
        mediumDays: 90,
        lowDays: 180,
      });
      expect((await rematch(t.sys)).rewritten).toBe(2);
      const exploited = (await findingsOf(admin, 'cve=CVE-2024-26169')).items[0]!;
      expect(Date.parse(exploited.dueAt as string) - Date.parse(exploited.firstSeenAt as string)).toBe(
        5 * 86_400_000,
      );
      await admin.request('PUT', '/api/vulns/sla', {
        exploitedDays: 7,
        criticalDays: 15,
        highDays: 30,
        mediumDays: 90,
        lowDays: 180,
      });
      expect((await rematch(t.sys)).rewritten).toBe(2);
    });

    it('a national alert shows, per unit, affected, undecided, fixed and unreported hosts', async () => {
      const bad = await admin.request('POST', '/api/alerts', {
        issuer: 'Cục An toàn thông tin',
        number: '1/X',
        issuedOn: '2024-03-15',
        title: 'x',
        cveText: 'no ids here',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields).toEqual([
        { field: 'body.cves', message: expect.stringMatching(/^cần ít nhất một mã CVE/) },
      ]);
      const created = await admin.request('POST', '/api/alerts', {
        issuer: 'Cục An toàn thông tin',
        number: '383/CATTT-NCSC',
        issuedOn: '2024-03-15',
        title: 'Lỗ hổng bảo mật trong các sản phẩm Microsoft công bố tháng 3/2024',
        deadline: '2024-03-31',
        cveText: 'Các lỗ hổng: cve-2024-26169 (đang bị khai thác), CVE-2024-21407; CVE-2024-26169.',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().cves).toEqual(['CVE-2024-21407', 'CVE-2024-26169']);
      const again = await admin.request('POST', '/api/alerts', {
        issuer: 'Cục An toàn thông tin',
        number: '383/CATTT-NCSC',
        issuedOn: '2024-03-15',
        title: 'again',
        cves: ['CVE-2024-26169'],
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ALERT_NUMBER_TAKEN');
      await admin.request('POST', '/api/hosts', { unitId: school.id, hostname: 'KT-PC-HAND' });

      const status = (await admin.request('GET', `/api/alerts/${created.json().id}/status`)).json();
      const schoolRow = status.units.find((u: { unitId: string }) => u.unitId === school.id);
      expect(schoolRow).toMatchObject({
        hosts: 3,
        hostsWithoutInventory: 1,
        affectedHosts: 1,
        notAffectedHosts: 1,
        fixedHosts: 0,
      });
      expect(status.units.find((u: { unitId: string }) => u.unitId === commune.id)).toMatchObject({
        hosts: 1,
        affectedHosts: 1,
      });
      expect(status.overdue).toBe(true);
      const named = await findingsOf(admin, `alertId=${created.json().id}&unitId=${school.id}`);
      expect(named.items.every((f) => ['CVE-2024-26169', 'CVE-2024-21407'].includes(f.cve as string))).toBe(
        true,
      );
      expect(named.items.map((f) => f.cve)).toContain('CVE-2024-26169');
    });

    it('the dashboard summary counts open findings per unit and severity, exploited and overdue', async () => {
      const summary = (await admin.request('GET', '/api/findings/summary')).json();
      const schoolRow = summary.byUnit.find((u: { unitId: string }) => u.unitId === school.id);
      expect(schoolRow.hostsAffected).toBe(1);
      expect(schoolRow.exploited).toBeGreaterThan(0);
      const bySeverity =
        schoolRow.critical + schoolRow.high + schoolRow.medium + schoolRow.low + schoolRow.none;
      expect(bySeverity).toBe((await findingsOf(admin, `unitId=${school.id}&match=vulnerable`)).total);
      expect(summary.totals.hostsAffected).toBe(2);
      // The root's own row counts only its own findings; unitOnly lists exactly those.
      const rootOnly = await findingsOf(admin, `unitId=${t.root.id}&unitOnly=true&match=vulnerable`);
      expect(rootOnly.total).toBe(0);
      expect((await findingsOf(admin, `unitId=${t.root.id}&match=vulnerable`)).total).toBe(
        summary.totals.critical +
          summary.totals.high +
          summary.totals.medium +
          summary.totals.low +
          summary.totals.none,
      );
    });

    it('exports the same list as CSV for a spreadsheet, Vietnamese intact', async () => {
      const res = await admin.request('GET', `/api/findings/export.csv?unitId=${school.id}&match=vulnerable`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.body.startsWith('\uFEFFĐơn vị / Unit,Máy / Host,CVE')).toBe(true);
      const lines = res.body.trim().split('\n');
      const listed = await findingsOf(admin, `unitId=${school.id}&match=vulnerable`);
      expect(lines).toHaveLength(listed.total + 1);
      expect(res.body).toContain(`${school.name},KT-PC-01,CVE-2024-26169`);
    });

    it('exports the same list as an XLSX workbook with bilingual headers', async () => {
      const res = await admin.request(
        'GET',
        `/api/findings/export.xlsx?unitId=${school.id}&match=vulnerable`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const listed = await findingsOf(admin, `unitId=${school.id}&match=vulnerable`);
      expect(sheet.rowCount).toBe(listed.total + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe('Đơn vị / Unit');
      const cves = sheet.getColumn(3).values.slice(2);
      expect(cves).toContain('CVE-2024-26169');
      expect(sheet.getRow(2).getCell(1).value).toBe(school.name);
    });

    it('an exploited CVE gets the short deadline of the SLA policy (7 days by default)', async () => {
      const { items } = await findingsOf(admin, 'cve=CVE-2024-26169');
      const finding = items[0]!;
      expect(finding.exploited).toBe(true);
      const days =
        (Date.parse(finding.dueAt as string) - Date.parse(finding.firstSeenAt as string)) / 86_400_000;
      expect(days).toBe(7);
    });

    it("a national alert's deadline caps the due dates of the findings it names, not the others", async () => {
      await rematch(t.sys);
      const named = (await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}`)).items[0]!;
      // 383/CATTT-NCSC (recorded above) sets 2024-03-31: the end of that day in Vietnam.
      expect(named.dueAt).toBe('2024-03-31T16:59:59.000Z');
      const { items } = await findingsOf(admin, `unitId=${school.id}&match=vulnerable`);
      const other = items.find((f) => f.cve !== 'CVE-2024-26169' && f.cve !== 'CVE-2024-21407')!;
      const days = (Date.parse(other.dueAt as string) - Date.parse(other.firstSeenAt as string)) / 86_400_000;
      expect([7, 15, 30, 90, 180]).toContain(days);
    });

    it('a unit officer sees only the findings of their unit', async () => {
      const officer = await buildUser(t.sys, { unitId: commune.id, role: 'unit_officer' });
      const agent = await signIn(t.app, officer.username, USER_PASSWORD);
      const mine = await findingsOf(agent, '');
      expect(mine.total).toBeGreaterThan(0);
      expect(new Set(mine.items.map((f) => f.unitId))).toEqual(new Set([commune.id]));
      expect((await agent.request('GET', `/api/findings?unitId=${school.id}`)).json().code).toBe(
        'SCOPE_FORBIDDEN',
      );
    });

    it('accepting a risk needs a reason and an end date; the change is audited', async () => {
      const { items } = await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}`);
      const id = items[0]!.id as string;
      const bare = await admin.request('PATCH', `/api/findings/${id}`, { status: 'risk_accepted' });
      expect(bare.json().code).toBe('FINDING_REASON_REQUIRED');
      const ok = await admin.request('PATCH', `/api/findings/${id}`, {
        status: 'risk_accepted',
        reason: 'Máy cách ly, chờ thay thế',
        until: '2099-01-01',
      });
      expect(ok.statusCode).toBe(200);
      const audit = (await admin.request('GET', '/api/audit?action=finding.status')).json();
      expect(audit.items[0].details).toMatchObject({ from: 'open', to: 'risk_accepted' });
    });

    it('an accepted risk past its end date returns to open at the next re-match, host unchanged', async () => {
      const { items } = await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}`);
      const id = items[0]!.id as string;
      expect(items[0]!.status).toBe('risk_accepted');
      await rematch(t.sys); // settles the hand-made host of the alert test (its first match)
      await t.sys.db.execute(sql`update findings set status_until = current_date - 1 where id = ${id}`);
      const result = await rematch(t.sys);
      expect(result.rewritten).toBe(0);
      const reopened = (await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}`)).items[0]!;
      expect(reopened).toMatchObject({ id, status: 'open' });
    });

    it('a new inventory showing the fix closes the finding as fixed and keeps the record', async () => {
      await admin.request('POST', '/api/inventory/import', {
        unitId: school.id,
        documents: [
          { ...windows10(oldPc.name, oldPc.id, 4170), collectedAt: '2024-03-25T08:00:00.000+07:00' },
        ],
      });
      const result = await rematch(t.sys);
      expect(result.closed).toBeGreaterThan(0);
      expect((await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}`)).total).toBe(0);
      const fixed = await findingsOf(admin, `cve=CVE-2024-26169&unitId=${school.id}&status=fixed`);
      expect(fixed.items).toHaveLength(1);
      expect(fixed.items[0]).toMatchObject({ hostname: oldPc.name, status: 'fixed' });
      expect(fixed.items[0]!.fixedAt).toBeTruthy();
    });

    it('an admin queues a re-match as a background job', async () => {
      const res = await admin.request('POST', '/api/findings/rematch');
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ kind: 'vulns.rematch', status: 'queued' });
    });
  },
);
