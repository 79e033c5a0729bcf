import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';
import { buildUnit } from '../../test/factories';
import { multipartBody } from '../../test/multipart';
import { projectRoot } from '../core/project-root';
import { inventoryDoc } from '../inventory/fixtures';
import { loadC2rTable } from './c2r-queries';
import { rematch } from './rematch';

const FIXTURES = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories');
const MAR_2024 = path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Mar.xml');
// CVE-2024-26199 (Office, 2024-03-12): MSRC names no Click-to-Run build, only "Click to Run".
const CVE = 'CVE-2024-26199';
// Tables written for this test: a build before Patch Tuesday and the one of that day, per channel.
const CURRENT = [
  'channel,version,build,releasedAt,cves',
  'Current,2402,17328.20142,2024-03-05,',
  `Current,2402,17328.20184,2024-03-12,${CVE}`,
].join('\n');
const MONTHLY = ['channel,version,build,releasedAt', 'MonthlyEnterprise,2401,17231.20290,2024-03-12'].join(
  '\n',
);

let t: TestApp;
let admin: Agent;

const c2rHost = (hostname: string, version: string, channel: string) =>
  inventoryDoc({ hostname, office: { clickToRun: { version, channel, platform: 'x64' } } });

async function upload(files: { name: string; content: Buffer | string }[]) {
  const { payload, headers } = multipartBody('files', files);
  return admin.request('POST', '/api/feeds/import', payload, headers);
}

async function c2rFinding(hostname: string, status = '') {
  const res = await admin.request('GET', `/api/findings?cve=${CVE}&pageSize=100${status}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Record<string, unknown>[]).find((f) => f.hostname === hostname);
}

describe.skipIf(!fs.existsSync(FIXTURES))('Click-to-Run build table: import, store, match', () => {
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'C2R-A', kind: 'school' });
    const res = await admin.request('POST', '/api/inventory/import', {
      unitId: unit.id,
      documents: [
        c2rHost('C2R-OLD', '16.0.17328.20142', 'Current'),
        c2rHost('C2R-NEW', '16.0.17328.20184', 'Current Channel'),
        c2rHost('C2R-MEC', '16.0.17231.20236', 'MonthlyEnterprise'),
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await upload([{ name: 'mar.xml', content: fs.readFileSync(MAR_2024) }])).statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('without a table every Click-to-Run verdict is unknown', async () => {
    await rematch(t.sys);
    expect(await c2rFinding('C2R-OLD')).toMatchObject({ match: 'unknown', rule: 'office-c2r-channel' });
    expect(await c2rFinding('C2R-NEW')).toMatchObject({ match: 'unknown' });
  });

  it('an uploaded table (detected by content) turns them into vulnerable / fixed by channel and build', async () => {
    const res = await upload([{ name: 'builds-current', content: CURRENT }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0]).toMatchObject({
      source: 'c2r-builds',
      documentId: 'c2r:current',
      outcome: 'created',
      counts: { c2rBuilds: 2 },
    });
    await rematch(t.sys);
    expect(await c2rFinding('C2R-OLD')).toMatchObject({
      match: 'vulnerable',
      fixedBuild: '16.0.17328.20184',
      confidence: 'high',
    });
    // The patched host's "unknown" finding is closed as fixed (the record is kept).
    expect(await c2rFinding('C2R-NEW')).toBeUndefined();
    expect(await c2rFinding('C2R-NEW', '&status=fixed')).toMatchObject({ status: 'fixed' });
    // The table has no Monthly Enterprise channel: still unknown, with the reason.
    const mec = await c2rFinding('C2R-MEC');
    expect(mec).toMatchObject({ match: 'unknown' });
    expect(String(mec?.reason)).toContain('monthly-enterprise');
  });

  it('a second channel is added beside the first; a bad table changes nothing', async () => {
    expect((await upload([{ name: 'mec.csv', content: MONTHLY }])).statusCode).toBe(200);
    const bad = await upload([
      {
        name: 'more.csv',
        content: 'channel,version,build,releasedAt\nMonthlyEnterprise,2401,17231,2024-03-12\n',
      },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'FEED_PARSE_FAILED' });
    expect(bad.body).toContain('more.csv');
    const table = await loadC2rTable(t.db);
    expect(table.map((b) => `${b.channel} ${b.build}`).sort()).toEqual([
      'current 17328.20142',
      'current 17328.20184',
      'monthly-enterprise 17231.20290',
    ]);
    await rematch(t.sys);
    expect(await c2rFinding('C2R-MEC')).toMatchObject({
      match: 'vulnerable',
      fixedBuild: '16.0.17231.20290',
      confidence: 'medium',
    });
  });
});

describe.skipIf(onPostgres)('canh-gac feeds import recognises a Click-to-Run table', () => {
  useCliDataDir('cg-c2r-cli-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-c2r-files-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a JSON table with no extension and lists it', async () => {
    const file = path.join(dir, 'c2r-builds');
    const builds = [{ channel: 'Current', version: '2402', build: '17328.20184', releasedAt: '2024-03-12' }];
    fs.writeFileSync(file, JSON.stringify({ format: 'canhgac-c2r-builds', version: 1, builds }));
    const res = await cli('feeds', 'import', file);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/c2r-builds/);
    expect(res.stdout).toMatch(/c2r:current/);
  });
});
