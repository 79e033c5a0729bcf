import { beforeAll, describe, expect, it } from 'vitest';
import { parseNvd } from './nvd';
import { cut, feedError, hasFixture, middleOf, readFixture } from './test-support';

const DIR = 'nvd-api-2.0';

describe.skipIf(!hasFixture(DIR))(
  `NVD API 2.0 (fixture ../shared/fixtures/advisories/${DIR}, skipped when missing)`,
  () => {
    let windows: Buffer;
    let dahua: Buffer;
    beforeAll(() => {
      windows = readFixture(`${DIR}/CVE-2023-24880.json`);
      dahua = readFixture(`${DIR}/CVE-2021-33044.json`);
    });

    it("keeps NVD's CVE-2023-24880 data errors as data: the 22000 range on 22H2 and version-less servers", () => {
      const feed = parseNvd(windows, 'CVE-2023-24880.json');
      expect(feed).toMatchObject({ source: 'nvd', documentId: 'CVE-2023-24880' });
      expect(feed.releasedAt?.toISOString()).toBe('2025-10-22T00:18:16.097Z');
      const cve = feed.vulnerabilities[0];
      expect(cve).toMatchObject({ exploited: true, cwes: ['CWE-863'] });
      expect(cve?.publishedAt?.toISOString()).toBe('2023-03-14T17:15:17.683Z');
      const matches = cve?.configurations[0]?.nodes[0]?.matches ?? [];
      expect(matches).toContainEqual({
        criteria: 'cpe:2.3:o:microsoft:windows_11_22h2:*:*:*:*:*:*:*:*',
        vulnerable: true,
        versionEndExcluding: '10.0.22000.1413',
      });
      expect(matches).toContainEqual({
        criteria: 'cpe:2.3:o:microsoft:windows_server_2022:-:*:*:*:*:*:*:*',
        vulnerable: true,
      });
      expect(cve?.cvss.map((score) => [score.version, score.baseScore, score.source])).toEqual([
        ['3.1', 4.4, 'secure@microsoft.com'],
        ['3.1', 4.4, 'nvd@nist.gov'],
      ]);
    });

    it('reads Dahua CVE-2021-33044: AND configurations with a vulnerable:false platform node, v2 and v3.1', () => {
      const cve = parseNvd(dahua, 'CVE-2021-33044.json').vulnerabilities[0];
      expect(cve?.configurations).toHaveLength(19);
      expect(cve?.configurations[0]).toEqual({
        operator: 'AND',
        nodes: [
          {
            operator: 'OR',
            negate: false,
            matches: [
              {
                criteria: 'cpe:2.3:o:dahuasecurity:ipc-hum7xxx_firmware:*:*:*:*:*:*:*:*',
                vulnerable: true,
                versionEndExcluding: '2.820.0000000.5.r.210705',
              },
            ],
          },
          {
            operator: 'OR',
            negate: false,
            matches: [{ criteria: 'cpe:2.3:h:dahuasecurity:ipc-hum7xxx:-:*:*:*:*:*:*:*', vulnerable: false }],
          },
        ],
      });
      const ends = cve?.configurations.flatMap((c) =>
        c.nodes.flatMap((n) => n.matches.map((m) => m.versionEndIncluding)),
      );
      expect(ends?.filter(Boolean)).toHaveLength(1);
      expect(cve?.cvss.map((score) => [score.version, score.baseScore])).toEqual([
        ['3.1', 9.8],
        ['2.0', 10],
      ]);
      expect(cve?.description).toMatch(/^The identity authentication bypass/);
      expect(cve?.cwes).toEqual(['CWE-287']);
    });

    it('accepts the API envelope: documentId nvd:<timestamp>, JSON paths inside it', () => {
      const record = JSON.parse(windows.toString('utf8'));
      const envelope = {
        resultsPerPage: 1,
        startIndex: 0,
        totalResults: 1,
        format: 'NVD_CVE',
        version: '2.0',
        timestamp: '2025-10-23T10:00:00.000',
        vulnerabilities: [{ cve: record }],
      };
      const feed = parseNvd(JSON.stringify(envelope), 'page.json');
      expect(feed.documentId).toBe('nvd:2025-10-23T10:00:00.000');
      expect(feed.releasedAt?.toISOString()).toBe('2025-10-23T10:00:00.000Z');
      expect(feed.vulnerabilities[0]?.cve).toBe('CVE-2023-24880');
      record.id = 'CVE-2023-2488O';
      expect(feedError(() => parseNvd(JSON.stringify(envelope), 'page.json'))).toMatchObject({
        where: 'vulnerabilities[0].cve.id',
      });
      record.id = 'CVE-2023-24880';
      record.metrics.cvssMetricV31[1].cvssData.baseScore = 'n/a';
      expect(feedError(() => parseNvd(JSON.stringify(envelope), 'page.json')).where).toBe(
        'vulnerabilities[0].cve.metrics.cvssMetricV31[1].cvssData.baseScore',
      );
    });

    it('refuses truncated, empty and foreign input, and a bad id or date in a bare record', () => {
      expect(feedError(() => parseNvd(cut(windows, windows.length / 2), 'half.json')).reason).toMatch(/JSON/);
      expect(feedError(() => parseNvd(cut(dahua, middleOf(dahua, 'omisi')), 'cut.json')).where).toMatch(
        /^line \d+, column \d+$/,
      );
      expect(feedError(() => parseNvd('   ', 'e.json')).reason).toBe('the file is empty');
      expect(feedError(() => parseNvd('{"cveMetadata":{}}', 'x.json')).where).toBe('id');
      const text = windows.toString('utf8');
      expect(
        feedError(() => parseNvd(text.replace('"id": "CVE-2023-24880"', '"id": "CVE-23-1"'), 'x.json')),
      ).toMatchObject({ where: 'id' });
      expect(
        feedError(() =>
          parseNvd(
            text.replace('"published": "2023-03-14T17:15:17.683"', '"published": "yesterday"'),
            'x.json',
          ),
        ).where,
      ).toBe('published');
    });
  },
);
