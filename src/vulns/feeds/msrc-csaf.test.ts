import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../model';
import { parseMsrcCsaf } from './msrc-csaf';
import { cut, feedError, hasFixture, middleOf, readFixture } from './test-support';

const DIR = 'vuls-data-update/msrc-csaf';

describe.skipIf(!hasFixture(DIR))(
  `MSRC CSAF 2.0 (fixture ../shared/fixtures/advisories/${DIR}, skipped when missing)`,
  () => {
    let edge: Buffer;
    let feed: ParsedFeed;
    beforeAll(() => {
      edge = readFixture(`${DIR}/msrc_cve-2025-29806.json`);
      feed = parseMsrcCsaf(edge, 'msrc_cve-2025-29806.json');
    });

    it('reads the tracking block', () => {
      expect(feed).toMatchObject({ source: 'msrc-csaf', documentId: 'msrc_CVE-2025-29806', revision: '1' });
      expect(feed.releasedAt?.toISOString()).toBe('2025-03-21T07:00:00.000Z');
      expect(feed.products.map((product) => product.id)).toEqual(['1', '11655']);
    });

    it('turns the "<129.0.2792.52" range into a fixed version and keeps the fixed product id', () => {
      const cve = feed.vulnerabilities[0];
      expect(cve?.cve).toBe('CVE-2025-29806');
      expect(cve?.affected).toContainEqual({
        productId: '1',
        product: 'Microsoft Edge (Chromium-based) <129.0.2792.52',
        ranges: [{ fixed: '129.0.2792.52' }],
        status: 'affected',
      });
      expect(cve?.affected).toContainEqual(expect.objectContaining({ productId: '11655', status: 'fixed' }));
    });

    it('splits remediation details into build, line and URL; reads scores and threats', () => {
      const cve = feed.vulnerabilities[0];
      expect(cve?.remediations).toEqual([
        {
          kind: 'vendor_fix',
          line: 'security_update',
          subType: 'Security Update',
          productIds: ['1'],
          fixedBuild: '129.0.2792.52',
          url: 'https://docs.microsoft.com/en-us/DeployEdge/microsoft-edge-relnotes-security',
          description: undefined,
        },
      ]);
      expect(cve?.cvss).toEqual([
        expect.objectContaining({
          version: '3.1',
          baseScore: 6.5,
          temporalScore: 5.9,
          productIds: ['1'],
          source: 'microsoft',
        }),
      ]);
      expect(cve?.impacts).toEqual([{ value: 'Remote Code Execution', productIds: [] }]);
      expect(cve).toMatchObject({ exploited: false, publiclyDisclosed: false });
      expect(cve?.severities).toEqual([{ value: 'Important', productIds: [] }]);
    });

    it('reads the cwe object of the second document', () => {
      const other = parseMsrcCsaf(readFixture(`${DIR}/msrc_cve-2025-29795.json`), 'msrc_cve-2025-29795.json');
      expect(other.vulnerabilities[0]?.cwes).toEqual(['CWE-59']);
      expect(other.vulnerabilities[0]?.affected).toContainEqual(
        expect.objectContaining({ productId: '1', ranges: [{ fixed: '1.3.195.45' }] }),
      );
    });

    it('survives a document with every optional part missing', () => {
      const minimal = {
        document: {
          csaf_version: '2.0',
          tracking: { id: 'x', current_release_date: '2025-01-01T00:00:00Z' },
        },
        vulnerabilities: [{ cve: 'CVE-2025-0001' }],
      };
      const parsed = parseMsrcCsaf(JSON.stringify(minimal), 'min.json');
      expect(parsed.vulnerabilities[0]).toMatchObject({
        cve: 'CVE-2025-0001',
        affected: [],
        remediations: [],
        cvss: [],
      });
    });

    it('refuses truncated, empty, foreign and wrong input with a place and a reason', () => {
      expect(feedError(() => parseMsrcCsaf(cut(edge, edge.length / 2), 'half.json')).where).toMatch(
        /^line \d+, column \d+$/,
      );
      expect(
        feedError(() => parseMsrcCsaf(cut(edge, middleOf(edge, 'Remote Code Execution')), 'c.json')).reason,
      ).toMatch(/JSON/);
      expect(feedError(() => parseMsrcCsaf('', 'e.json')).reason).toBe('the file is empty');
      expect(feedError(() => parseMsrcCsaf('{"cveMetadata":{}}', 'cve5.json')).where).toBe('document');
      const text = edge.toString('utf8');
      expect(
        feedError(() =>
          parseMsrcCsaf(text.replace('"cve": "CVE-2025-29806"', '"cve": "CVE-2025-X"'), 'id.json'),
        ),
      ).toMatchObject({
        where: 'vulnerabilities[0].cve',
      });
      expect(
        feedError(() => parseMsrcCsaf(text.replace('"baseScore": 6.5', '"baseScore": "high"'), 's.json'))
          .where,
      ).toBe('vulnerabilities[0].scores[0].cvss_v3.baseScore');
      const zoneless = text.replace(
        '"current_release_date": "2025-03-21T07:00:00.000Z"',
        '"current_release_date": "2025-03-21T07:00:00"',
      );
      expect(feedError(() => parseMsrcCsaf(zoneless, 'z.json'))).toMatchObject({
        where: 'document.tracking.current_release_date',
        reason: '"2025-03-21T07:00:00" has no time zone',
      });
    });
  },
);
