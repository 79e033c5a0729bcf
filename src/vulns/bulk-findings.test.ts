import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit } from '../../test/factories';
import { projectRoot } from '../core/project-root';
import { inventoryDoc } from '../inventory/fixtures';
import { importFeedFiles } from './feed-import';
import { rematch } from './rematch';

const FIXTURES = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories');
const MAR_2024 = path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Mar.xml');

let t: TestApp;

function windows10(hostname: string, ubr: number) {
  return inventoryDoc({
    hostname,
    machineId: crypto.randomUUID(),
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

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.sys.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Every finding as its match-derived columns, host by name: comparable across runs. */
async function snapshot() {
  return rows<Record<string, unknown>>(sql`
    select h.hostname, f.unit_id, f.cve, f.product_name, f.match, f.status, f.severity, f.severity_rank,
      f.exploited, f.fix_kb, f.fixed_build, f.observed, f.rule, f.confidence, f.reason,
      extract(epoch from f.due_at - f.first_seen_at) as due_seconds
    from findings f join hosts h on h.id = f.host_id
    order by h.hostname, f.cve, f.product_name`);
}

async function findingIndexes() {
  return rows<{ name: string; definition: string }>(sql`
    select c.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class c on c.oid = x.indexrelid
    where x.indrelid = 'findings'::regclass order by c.relname`);
}

describe.skipIf(!fs.existsSync(FIXTURES))('re-match write path by shape (real MSRC March 2024)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const school = await buildUnit(t.sys, { parentId: t.root.id, code: 'TRUONG-S', kind: 'school' });
    const commune = await buildUnit(t.sys, { parentId: t.root.id, code: 'XA-S', kind: 'commune' });
    await importFeedFiles(t.sys, [{ name: 'mar.xml', content: fs.readFileSync(MAR_2024) }]);
    for (const [unitId, documents] of [
      [school.id, [windows10('S-PC-01', 4046), windows10('S-PC-02', 4046), windows10('S-PC-03', 4170)]],
      [commune.id, [windows10('X-PC-01', 4046), windows10('X-PC-02', 3930)]],
    ] as const) {
      const res = await admin.request('POST', '/api/inventory/import', { unitId, documents });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('a first load into an empty table sends each verdict set once and rebuilds every index as it was', async () => {
    const indexesBefore = await findingIndexes();
    expect(indexesBefore.length).toBeGreaterThan(5);
    const first = await rematch(t.sys, { firstLoadMinRows: 0 });
    // Three hosts at .4046 (two units) share one shape; .4170 (patched) and .3930 are two more.
    expect(first).toMatchObject({ hosts: 5, rewritten: 5, shapes: 3, firstLoad: true });
    expect(await findingIndexes()).toEqual(indexesBefore);
    const stored = await snapshot();
    const of = (host: string) => stored.filter((r) => r.hostname === host).map((r) => r.cve);
    expect(of('S-PC-01').length).toBeGreaterThan(0);
    expect(of('S-PC-02')).toEqual(of('S-PC-01'));
    expect(of('X-PC-01')).toEqual(of('S-PC-01'));
    expect(of('S-PC-03')).toEqual([]);
    expect(of('X-PC-02').length).toBeGreaterThanOrEqual(of('S-PC-01').length);
    // The unit is the host's, not the shape's first host's.
    const units = new Set(stored.filter((r) => r.hostname === 'X-PC-01').map((r) => r.unit_id));
    expect(units.size).toBe(1);
    expect([...units][0]).not.toBe(stored.find((r) => r.hostname === 'S-PC-01')?.unit_id);

    // The row-by-row path (indexes maintained) writes exactly the same findings.
    await t.sys.db.execute(sql`delete from findings`);
    await t.sys.db.execute(sql`delete from finding_host_states`);
    const normal = await rematch(t.sys, { firstLoadMinRows: Number.POSITIVE_INFINITY });
    expect(normal).toMatchObject({ rewritten: 5, shapes: 3, firstLoad: false });
    expect(await snapshot()).toEqual(stored);
  });

  it('a host that changes shape gets its new rows and its unseen findings closed, the others untouched', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const [school] = await rows<{ id: string }>(sql`select id from units where code = 'TRUONG-S'`);
    const patched = windows10('S-PC-02', 4170);
    const [host] = await rows<{ machine_id: string }>(
      sql`select machine_id from hosts where hostname = 'S-PC-02'`,
    );
    patched.machineId = host?.machine_id ?? '';
    const res = await admin.request('POST', '/api/inventory/import', {
      unitId: school?.id,
      documents: [patched],
    });
    expect(res.statusCode, res.body).toBe(200);
    const before = await snapshot();
    const again = await rematch(t.sys);
    expect(again).toMatchObject({ rewritten: 1, firstLoad: false });
    expect(again.closed).toBe(before.filter((r) => r.hostname === 'S-PC-02').length);
    const after = await snapshot();
    expect(after.filter((r) => r.hostname === 'S-PC-02').every((r) => r.status === 'fixed')).toBe(true);
    expect(after.filter((r) => r.hostname !== 'S-PC-02')).toEqual(
      before.filter((r) => r.hostname !== 'S-PC-02'),
    );
  });
});
