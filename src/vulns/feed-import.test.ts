import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { multipartBody } from '../../test/multipart';
import { projectRoot } from '../core/project-root';
import { advisoryDocuments, vulnerabilitySources } from './schema';

const FIXTURES = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories');
const MAR_2024 = path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Mar.xml');
const KEV = path.join(FIXTURES, 'cisagov-kev-data', 'known_exploited_vulnerabilities.json');
const KEV_OLD = path.join(FIXTURES, 'vuls-data-update', 'cisa-kev', 'known_exploited_vulnerabilities.json');

let t: TestApp;
let admin: Agent;

async function upload(files: { name: string; content: Buffer | string }[]) {
  const { payload, headers } = multipartBody('files', files);
  return admin.request('POST', '/api/feeds/import', payload, headers);
}

async function documentCount() {
  const [row] = await t.db.select({ n: count() }).from(advisoryDocuments);
  return row!.n;
}

describe.skipIf(!fs.existsSync(FIXTURES))('advisory feed import (real fixtures in ../shared)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('imports a CVRF month and the KEV catalogue in one request, then merges them per CVE', async () => {
    const res = await upload([
      { name: 'cvrfDocument-2024-Mar.xml', content: fs.readFileSync(MAR_2024) },
      { name: 'known_exploited_vulnerabilities.json', content: fs.readFileSync(KEV) },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(
      results.map((r: { source: string; documentId: string; outcome: string }) => [
        r.source,
        r.documentId,
        r.outcome,
      ]),
    ).toEqual([
      ['msrc-cvrf', '2024-Mar', 'created'],
      ['kev', 'kev', 'created'],
    ]);
    expect(results[1].counts.kev).toBeGreaterThan(1000);
    // CVE-2023-24880 is in KEV with due date 2023-04-04 (VULNS.md §2.3).
    const smartScreen = (await admin.request('GET', '/api/vulnerabilities/CVE-2023-24880')).json();
    expect(smartScreen).toMatchObject({ exploited: true, kevDueDate: '2023-04-04' });
    expect(smartScreen.sources.map((s: { source: string }) => s.source)).toContain('kev');
    const exploited = (await admin.request('GET', '/api/vulnerabilities?exploited=true&pageSize=1')).json();
    expect(exploited.total).toBeGreaterThan(1000);
  });

  it('re-importing the same bytes is "unchanged"; an older KEV catalogue is kept out', async () => {
    const again = await upload([{ name: 'march.xml', content: fs.readFileSync(MAR_2024) }]);
    expect(again.json().results[0].outcome).toBe('unchanged');
    const older = await upload([{ name: 'kev-2022.json', content: fs.readFileSync(KEV_OLD) }]);
    expect(older.json().results[0].outcome).toBe('older');
    expect((await admin.request('GET', '/api/vulnerabilities/CVE-2023-24880')).json().kevDueDate).toBe(
      '2023-04-04',
    );
  });

  it('one truncated file fails the whole import with its name and place, and writes nothing', async () => {
    const before = await documentCount();
    const [sourcesBefore] = await t.db.select({ n: count() }).from(vulnerabilitySources);
    const kev = fs.readFileSync(KEV);
    const res = await upload([
      {
        name: 'cvrfDocument-2024-Apr.xml',
        content: fs.readFileSync(
          path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Apr.xml'),
        ),
      },
      { name: 'kev-cut.json', content: kev.subarray(0, Math.floor(kev.length / 2)) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'FEED_PARSE_FAILED' });
    expect(res.json().message).toMatch(/^Không đọc được tệp kev-cut\.json/);
    expect(await documentCount()).toBe(before);
    const [sourcesAfter] = await t.db.select({ n: count() }).from(vulnerabilitySources);
    expect(sourcesAfter!.n).toBe(sourcesBefore!.n);
  });

  it("leaves out MSRC's own malformed id (2024-Feb, CVE-2024-21626M) with a warning, keeps the rest", async () => {
    const feb = fs.readFileSync(
      path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Feb.xml'),
    );
    const res = await upload([{ name: 'cvrfDocument-2024-Feb.xml', content: feb }]);
    expect(res.statusCode, res.body).toBe(200);
    const [result] = res.json().results;
    expect(result.counts.vulnerabilities).toBe(96);
    expect(result.warnings).toEqual([expect.stringContaining('CVE-2024-21626M')]);
  });

  it('refuses a request with no file, and a file that is no advisory', async () => {
    expect((await upload([])).json().code).toBe('FEED_FILE_MISSING');
    const res = await upload([{ name: 'notes.txt', content: 'hello' }]);
    expect(res.json().code).toBe('FEED_PARSE_FAILED');
  });
});
