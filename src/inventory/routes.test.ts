import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, bearer, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { createToken } from '../auth/tokens';
import { auditLog } from '../core/schema';
import type { Unit } from '../units/contract';
import { inventoryDoc } from './fixtures';
import { hostSnapshots, hosts } from './schema';

let t: TestApp;
let admin: Agent;
let unitA: Unit;
let unitB: Unit;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  unitA = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-A' });
  unitB = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-B' });
});
afterAll(() => t.close());

async function counts() {
  const [h] = await t.db.select({ n: count() }).from(hosts);
  const [s] = await t.db.select({ n: count() }).from(hostSnapshots);
  const [a] = await t.db.select({ n: count() }).from(auditLog);
  return { hosts: h!.n, snapshots: s!.n, audit: a!.n };
}

async function importDocs(unitId: string, documents: unknown[]) {
  return admin.request('POST', '/api/inventory/import', { unitId, documents });
}

describe('inventory import', () => {
  it('imports one host with its programs, hotfixes and first snapshot', async () => {
    const doc = inventoryDoc({ hostname: 'KT-01', domain: 'xaa.local' });
    const res = await importDocs(unitA.id, [doc]);
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(summary.hosts).toEqual([{ id: expect.any(String), hostname: 'KT-01', status: 'created' }]);

    const detail = (await admin.request('GET', `/api/hosts/${summary.hosts[0].id}`)).json();
    expect(detail).toMatchObject({
      unitId: unitA.id,
      machineId: doc.machineId,
      hostname: 'KT-01',
      domain: 'xaa.local',
      productName: 'Windows 10 Pro',
      build: 19045,
      ubr: 2673,
      architecture: 'x64',
      source: 'collector',
      criticality: 'medium',
      ips: ['10.10.1.15'],
      lastInventoryAt: '2024-03-20T01:00:00.000Z',
    });
    expect(detail.hotfixes).toEqual([{ kb: 'KB5023696', installedOn: '2023-03-15' }]);
    expect(detail.software).toContainEqual({
      name: 'Google Chrome',
      version: '122.0.6261.129',
      publisher: 'Google LLC',
      installDate: '2024-03-12',
    });
    expect(detail.snapshots).toHaveLength(1);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inventory.import'), eq(auditLog.targetId, summary.hosts[0].id)));
    expect(audit).toMatchObject({ unitId: unitA.id, actorName: 'admin', targetType: 'host' });
    expect(audit!.details).toMatchObject({ status: 'created', hostname: 'KT-01', programs: 2, hotfixes: 1 });
  });

  it('imports several hosts from a bare array with the unit in the query', async () => {
    const docs = [inventoryDoc(), inventoryDoc(), inventoryDoc()];
    const res = await admin.request('POST', `/api/inventory/import?unitId=${unitA.id}`, docs);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(res.json().hosts.map((h: { hostname: string }) => h.hostname)).toEqual(
      docs.map((d) => d.hostname),
    );
  });

  it('re-import by machine id updates the same host; history grows only when the content changes', async () => {
    const doc = inventoryDoc({ hostname: 'KT-02' });
    const first = (await importDocs(unitA.id, [doc])).json().hosts[0];
    const before = await counts();

    // Same machine state, collected later: unchanged, no new snapshot, last inventory moves on.
    const again = await importDocs(unitA.id, [{ ...doc, collectedAt: '2024-03-27T08:00:00+07:00' }]);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(again.json().hosts[0]).toEqual({ id: first.id, hostname: 'KT-02', status: 'unchanged' });
    const afterSame = await counts();
    expect(afterSame.hosts).toBe(before.hosts);
    expect(afterSame.snapshots).toBe(before.snapshots);
    expect(afterSame.audit).toBe(before.audit + 1);

    // Patched and renamed: the same host (machine id), updated, a second snapshot.
    const patched = {
      ...doc,
      hostname: 'KT-02-NEW',
      collectedAt: '2024-04-10T08:00:00Z',
      os: { ...doc.os, ubr: 4170 },
      hotfixes: [{ id: '5036892' }],
    };
    const changed = (await importDocs(unitA.id, [patched])).json();
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(changed.hosts[0]).toEqual({ id: first.id, hostname: 'KT-02-NEW', status: 'updated' });
    const detail = (await admin.request('GET', `/api/hosts/${first.id}`)).json();
    expect(detail).toMatchObject({
      hostname: 'KT-02-NEW',
      ubr: 4170,
      lastInventoryAt: '2024-04-10T08:00:00.000Z',
    });
    expect(detail.hotfixes).toEqual([{ kb: 'KB5036892', installedOn: null }]);
    expect(detail.snapshots).toHaveLength(2);
    expect((await counts()).hosts).toBe(before.hosts);

    // An older inventory arriving late changes nothing.
    const late = (await importDocs(unitA.id, [{ ...doc, collectedAt: '2024-03-01T00:00:00Z' }])).json();
    expect(late.hosts[0]).toEqual({ id: first.id, hostname: 'KT-02-NEW', status: 'outdated' });
    expect((await admin.request('GET', `/api/hosts/${first.id}`)).json()).toMatchObject({ ubr: 4170 });
  });

  it('matches by host name when there is no machine id, case-insensitively, within one upload too', async () => {
    const { machineId: _m, ...noId } = inventoryDoc({ hostname: 'KE-TOAN-3' });
    const res = await importDocs(unitA.id, [
      noId,
      { ...noId, hostname: 'ke-toan-3', collectedAt: '2024-03-21T08:00:00Z', ips: ['10.10.1.99'] },
    ]);
    const [a, b] = res.json().hosts;
    expect(a).toMatchObject({ status: 'created' });
    expect(b).toEqual({ id: a.id, hostname: 'ke-toan-3', status: 'updated' });
    const list = (await admin.request('GET', `/api/hosts?unitId=${unitA.id}&q=ke-toan`)).json();
    expect(list.total).toBe(1);
  });

  it('a host kept by hand is adopted by its first collector inventory', async () => {
    const manual = await admin.request('POST', '/api/hosts', {
      unitId: unitA.id,
      hostname: 'MAY-CHU-1',
      owner: 'Nguyễn Văn A',
      criticality: 'high',
    });
    expect(manual.statusCode).toBe(201);
    const res = (await importDocs(unitA.id, [inventoryDoc({ hostname: 'may-chu-1' })])).json();
    expect(res.hosts[0]).toMatchObject({ id: manual.json().id, status: 'updated' });
    const detail = (await admin.request('GET', `/api/hosts/${manual.json().id}`)).json();
    expect(detail).toMatchObject({
      owner: 'Nguyễn Văn A',
      criticality: 'high',
      source: 'collector',
      build: 19045,
    });
  });

  it('the same host name in two units makes two hosts', async () => {
    const { machineId: _m, ...doc } = inventoryDoc({ hostname: 'PC-LE-TAN' });
    const a = (await importDocs(unitA.id, [doc])).json().hosts[0];
    const b = (await importDocs(unitB.id, [doc])).json().hosts[0];
    expect(a.status).toBe('created');
    expect(b.status).toBe('created');
    expect(a.id).not.toBe(b.id);
  });

  it('a bad document fails the whole upload with a 400 naming index and field, and writes nothing', async () => {
    const before = await counts();
    const good = () => inventoryDoc();
    const cases: [unknown, string][] = [
      [{ ...good(), os: { ...good().os, ubr: -1 } }, 'body.documents.3.os.ubr'],
      [{ ...good(), os: { ...good().os, currentBuild: '19045a' } }, 'body.documents.3.os.currentBuild'],
      [{ ...good(), collectedAt: '2024-03-20T08:00:00' }, 'body.documents.3.collectedAt'],
      [{ ...good(), schema: 'canhgac.inventory/2' }, 'body.documents.3.schema'],
      [{ ...good(), hotfixes: [{ id: 'KB50236X' }] }, 'body.documents.3.hotfixes.0.id'],
      [{ ...good(), ips: ['10.0.0.300'] }, 'body.documents.3.ips.0'],
      [{ ...good(), extra: true }, 'body.documents.3'],
    ];
    for (const [bad, field] of cases) {
      const res = await importDocs(unitA.id, [good(), good(), good(), bad]);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(
        res.json().fields.map((f: { field: string }) => f.field),
        field,
      ).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses an upload for a unit outside the caller scope, and lower roles', async () => {
    const officer = await buildUser(t.sys, { unitId: unitA.id, role: 'unit_officer' });
    const viewer = await buildUser(t.sys, { unitId: unitA.id, role: 'viewer' });
    const asOfficer = await signIn(t.app, officer.username, USER_PASSWORD);
    const asViewer = await signIn(t.app, viewer.username, USER_PASSWORD);
    const before = await counts();

    const sibling = await asOfficer.request('POST', '/api/inventory/import', {
      unitId: unitB.id,
      documents: [inventoryDoc()],
    });
    expect(sibling.statusCode).toBe(403);
    expect(sibling.json().code).toBe('SCOPE_FORBIDDEN');
    const csv = await asOfficer.request('POST', '/api/inventory/import-csv', {
      unitId: unitB.id,
      csv: 'hostname\nPC-1\n',
    });
    expect(csv.json().code).toBe('SCOPE_FORBIDDEN');
    const viewerImport = await asViewer.request('POST', '/api/inventory/import', {
      unitId: unitA.id,
      documents: [inventoryDoc()],
    });
    expect(viewerImport.json().code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const bHost = (await importDocs(unitB.id, [inventoryDoc()])).json().hosts[0];
    expect((await asOfficer.request('GET', `/api/hosts/${bHost.id}`)).json().code).toBe('SCOPE_FORBIDDEN');
    expect((await asOfficer.request('GET', `/api/hosts?unitId=${unitB.id}`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
    const own = (await asOfficer.request('GET', '/api/hosts?pageSize=500')).json();
    expect(own.items.every((h: { unitId: string }) => h.unitId === unitA.id)).toBe(true);
    expect(own.items.length).toBeGreaterThan(0);
  });

  it("a unit's API token posts the collector's bare document into its own unit", async () => {
    const { secret } = await createToken(t.sys, {
      name: 'gpo-inventory',
      unitId: unitB.id,
      role: 'unit_officer',
    });
    const doc = inventoryDoc({ hostname: 'PC-TOKEN' });
    const res = await bearer(t.app, secret)('POST', '/api/inventory/import', doc);
    expect(res.statusCode).toBe(200);
    const id = res.json().hosts[0].id;
    const host = (await admin.request('GET', `/api/hosts/${id}`)).json();
    expect(host.unitId).toBe(unitB.id);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inventory.import'), eq(auditLog.targetId, id)));
    expect(audit).toMatchObject({ actorType: 'token', actorName: 'gpo-inventory', unitId: unitB.id });
    const foreign = await bearer(t.app, secret)('POST', `/api/inventory/import?unitId=${unitA.id}`, doc);
    expect(foreign.json().code).toBe('SCOPE_FORBIDDEN');
  });

  it('accepts an upload above the default 1 MB body limit', async () => {
    const programs = Array.from({ length: 9000 }, (_, i) => ({
      name: `Chương trình số ${i} — ${'x'.repeat(100)}`,
      version: `1.0.${i}`,
      publisher: 'Nhà phát hành',
    }));
    const body = { unitId: unitA.id, documents: [inventoryDoc({ programs })] };
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    const res = await admin.request('POST', '/api/inventory/import', body);
    expect(res.statusCode).toBe(200);
    const detail = (await admin.request('GET', `/api/hosts/${res.json().hosts[0].id}`)).json();
    expect(detail.software).toHaveLength(9000);
  });
});

describe('CSV import', () => {
  it('imports a hand-kept list from text/csv and from JSON, and re-import is unchanged', async () => {
    const csv = [
      'hostname;ip;os;build;ubr;owner;location;criticality',
      'MAY-KT-1;192.168.1.10;Windows 10 Pro;19045;3803;Trần Thị B;Phòng Kế toán;high',
      '"MAY-KT-2";192.168.1.11 192.168.1.12;Windows 7;7601;;;"Phòng ""Một cửa""";',
    ].join('\r\n');
    const res = await admin.request('POST', `/api/inventory/import-csv?unitId=${unitB.id}`, csv, {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const [kt1, kt2] = res.json().hosts;
    expect((await admin.request('GET', `/api/hosts/${kt1.id}`)).json()).toMatchObject({
      hostname: 'MAY-KT-1',
      ips: ['192.168.1.10'],
      productName: 'Windows 10 Pro',
      build: 19045,
      ubr: 3803,
      owner: 'Trần Thị B',
      location: 'Phòng Kế toán',
      criticality: 'high',
      source: 'csv',
      lastInventoryAt: null,
    });
    expect((await admin.request('GET', `/api/hosts/${kt2.id}`)).json()).toMatchObject({
      ips: ['192.168.1.11', '192.168.1.12'],
      ubr: null,
      location: 'Phòng "Một cửa"',
      criticality: 'medium',
    });
    const again = await admin.request('POST', '/api/inventory/import-csv', { unitId: unitB.id, csv });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('a list never overwrites what a collector reports, only the people fields', async () => {
    const host = (await importDocs(unitB.id, [inventoryDoc({ hostname: 'PC-THU-QUY' })])).json().hosts[0];
    const res = await admin.request('POST', '/api/inventory/import-csv', {
      unitId: unitB.id,
      csv: 'hostname,os,build,owner,criticality\npc-thu-quy,Windows 7,7601,Lê Văn C,critical\n',
    });
    expect(res.json().hosts[0]).toEqual({ id: host.id, hostname: 'PC-THU-QUY', status: 'updated' });
    expect((await admin.request('GET', `/api/hosts/${host.id}`)).json()).toMatchObject({
      build: 19045,
      productName: 'Windows 10 Pro',
      owner: 'Lê Văn C',
      criticality: 'critical',
      source: 'collector',
    });
  });

  it('malformed CSV: a 400 naming the line, and nothing written', async () => {
    const before = await counts();
    const quote = await admin.request('POST', '/api/inventory/import-csv', {
      unitId: unitB.id,
      csv: 'hostname,ip\nPC-1,10.0.0.1\n"PC-2,10.0.0.2\n',
    });
    expect(quote.statusCode).toBe(400);
    expect(quote.json().code).toBe('INVENTORY_CSV_INVALID');
    expect(quote.json().message).toMatch(/dòng 3/);
    const badValue = await admin.request('POST', '/api/inventory/import-csv', {
      unitId: unitB.id,
      csv: 'hostname,ip,criticality\nPC-1,10.0.0.1,low\nPC-2,10.0.0.999,high\n',
    });
    expect(badValue.json().message).toMatch(/^Tệp CSV không hợp lệ ở dòng 3: column\.ip/);
    const badColumn = await admin.request('POST', '/api/inventory/import-csv', {
      unitId: unitB.id,
      csv: 'hostname,serial\nPC-1,123\n',
    });
    expect(badColumn.json().message).toMatch(/dòng 1: unknown column\(s\) serial/);
    const ragged = await admin.request('POST', '/api/inventory/import-csv', {
      unitId: unitB.id,
      csv: 'hostname,ip\nPC-1,10.0.0.1,extra\n',
    });
    expect(ragged.json()).toMatchObject({ code: 'INVENTORY_CSV_INVALID' });
    expect(ragged.json().message).toMatch(/dòng 2/);
    expect(await counts()).toEqual(before);
  });
});

describe('hosts', () => {
  it('creates, refuses a duplicate name, updates and deletes a host by hand', async () => {
    const created = await admin.request('POST', '/api/hosts', {
      unitId: unitB.id,
      hostname: 'CAMERA-NVR',
      productName: 'Windows Server 2019 Standard',
      build: 17763,
      ubr: 5576,
      installationType: 'Server',
      ips: ['10.20.0.5'],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ source: 'manual', criticality: 'medium', build: 17763 });
    const dup = await admin.request('POST', '/api/hosts', { unitId: unitB.id, hostname: 'camera-nvr' });
    expect(dup.json().code).toBe('HOSTNAME_TAKEN');
    const patched = await admin.request('PATCH', `/api/hosts/${id}`, {
      criticality: 'critical',
      owner: 'Đội camera',
      location: 'Trụ sở',
      ubr: 6054,
    });
    expect(patched.json()).toMatchObject({ criticality: 'critical', owner: 'Đội camera', ubr: 6054 });
    expect((await admin.request('PATCH', `/api/hosts/${id}`, { criticality: 'urgent' })).statusCode).toBe(
      400,
    );
    expect((await admin.request('DELETE', `/api/hosts/${id}`)).statusCode).toBe(204);
    expect((await admin.request('GET', `/api/hosts/${id}`)).json().code).toBe('HOST_NOT_FOUND');
  });

  it('lists with filters: name, IP prefix, build, stale inventory', async () => {
    const unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-LOC' });
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await importDocs(unit.id, [
      inventoryDoc({ hostname: 'LOC-A', ips: ['172.16.5.1'], collectedAt: recent }),
      inventoryDoc({
        hostname: 'LOC-B',
        ips: ['172.16.6.1'],
        collectedAt: '2023-01-01T00:00:00Z',
        os: { productName: 'Windows 11 Pro', currentBuild: '22631', ubr: 3296 },
      }),
    ]);
    await admin.request('POST', '/api/hosts', { unitId: unit.id, hostname: 'LOC-C' });
    const names = async (query: string) =>
      (await admin.request('GET', `/api/hosts?unitId=${unit.id}&${query}`))
        .json()
        .items.map((h: { hostname: string }) => h.hostname);
    expect(await names('q=loc')).toEqual(['LOC-A', 'LOC-B', 'LOC-C']);
    expect(await names('q=172.16.6')).toEqual(['LOC-B']);
    expect(await names('build=22631')).toEqual(['LOC-B']);
    expect(await names('staleDays=30')).toEqual(['LOC-B', 'LOC-C']);
    const page = (await admin.request('GET', `/api/hosts?unitId=${unit.id}&pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items.map((h: { hostname: string }) => h.hostname)).toEqual(['LOC-C']);
  });

  it('serves the collector script as a download', async () => {
    const res = await admin.request('GET', '/api/inventory/collector.ps1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment; filename="canhgac-inventory.ps1"');
    expect(res.body).toContain('canhgac.inventory/1');
    expect(res.body).toContain('HKLM:\\SOFTWARE\\Microsoft\\Cryptography');
    const viewer = await buildUser(t.sys, { unitId: unitA.id, role: 'viewer' });
    const asViewer = await signIn(t.app, viewer.username, USER_PASSWORD);
    expect((await asViewer.request('GET', '/api/inventory/collector.ps1')).statusCode).toBe(403);
  });

  it('unknown host id is a 404', async () => {
    expect((await admin.request('GET', `/api/hosts/${randomUUID()}`)).json().code).toBe('HOST_NOT_FOUND');
  });
});
