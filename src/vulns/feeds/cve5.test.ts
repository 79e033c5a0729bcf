import { beforeAll, describe, expect, it } from 'vitest';
import { parseCve5 } from './cve5';
import { cut, feedError, hasFixture, middleOf, readFixture } from './test-support';

const DIR = 'cvelistV5';

describe.skipIf(!hasFixture(DIR))(
  `CVE JSON 5 (fixture ../shared/fixtures/advisories/${DIR}, skipped when missing)`,
  () => {
    let windows: Buffer;
    let outlook: Buffer;
    let hikvision: Buffer;
    beforeAll(() => {
      windows = readFixture(`${DIR}/CVE-2023-24880.json`);
      outlook = readFixture(`${DIR}/CVE-2023-23397.json`);
      hikvision = readFixture(`${DIR}/CVE-2021-36260.json`);
    });

    it('maps the Microsoft CNA build ranges of CVE-2023-24880, hotpatch range included', () => {
      const feed = parseCve5(windows, 'CVE-2023-24880.json');
      expect(feed).toMatchObject({ source: 'cve5', documentId: 'CVE-2023-24880' });
      expect(feed.releasedAt?.toISOString()).toBe('2024-05-29T03:32:52.615Z');
      const cve = feed.vulnerabilities[0];
      expect(cve?.affected).toContainEqual({
        productId: 'Microsoft:Windows 10 Version 22H2',
        vendor: 'Microsoft',
        product: 'Windows 10 Version 22H2',
        cpe: expect.stringContaining('windows_10_22H2'),
        ranges: [{ introduced: '10.0.0', fixed: '10.0.19045.2728', scheme: 'custom' }],
        status: 'affected',
      });
      const server = cve?.affected.find((entry) => entry.product === 'Windows Server 2022');
      expect(server?.ranges.map((range) => range.fixed)).toEqual(['10.0.20348.1607', '10.0.20348.1600']);
      expect(cve?.cvss).toEqual([
        expect.objectContaining({ version: '3.1', baseScore: 4.4, source: 'microsoft' }),
      ]);
      expect(cve?.exploited).toBeUndefined();
      expect(cve?.cwes).toEqual([]);
    });

    it('keeps the Click-to-Run URL where a version belongs, raw', () => {
      const cve = parseCve5(outlook, 'CVE-2023-23397.json').vulnerabilities[0];
      expect(
        cve?.affected.find((entry) => entry.product === 'Microsoft Office LTSC 2021')?.ranges[0]?.fixed,
      ).toBe('https://aka.ms/OfficeSecurityReleases');
      expect(cve?.affected.find((entry) => entry.product === 'Microsoft Outlook 2016')?.ranges[0]).toEqual({
        introduced: '16.0.0.0',
        fixed: '16.0.5387.1000',
        scheme: 'custom',
      });
      expect(cve?.cwes).toEqual(['CWE-20']);
    });

    it('maps Hikvision n/a as unknown with no ranges; CISA-ADP SSVC active and KEV mean exploited', () => {
      const cve = parseCve5(hikvision, 'CVE-2021-36260.json').vulnerabilities[0];
      expect(cve?.affected).toEqual([
        { productId: 'n/a:n/a', vendor: 'n/a', product: 'n/a', ranges: [], status: 'unknown' },
      ]);
      expect(cve?.exploited).toBe(true);
      expect(cve?.cvss).toEqual([expect.objectContaining({ baseScore: 9.8, source: 'CISA-ADP' })]);
      expect(cve?.cwes).toEqual(['CWE-78']);
    });

    it('maps a REJECTED record with no affected products or scores', () => {
      const record = JSON.parse(windows.toString('utf8'));
      record.cveMetadata.state = 'REJECTED';
      record.containers.cna.rejectedReasons = [{ lang: 'en', value: 'Duplicate of CVE-2023-0001.' }];
      const cve = parseCve5(JSON.stringify(record), 'r.json').vulnerabilities[0];
      expect(cve).toMatchObject({ affected: [], cvss: [], description: 'Duplicate of CVE-2023-0001.' });
    });

    it('refuses truncated, empty, foreign and wrong input', () => {
      expect(feedError(() => parseCve5(cut(windows, windows.length / 2), 'half.json')).reason).toMatch(
        /JSON/,
      );
      expect(
        feedError(() => parseCve5(cut(windows, middleOf(windows, 'SmartScreen Security')), 'c.json')).where,
      ).toMatch(/^line /);
      expect(feedError(() => parseCve5('', 'e.json')).reason).toBe('the file is empty');
      expect(feedError(() => parseCve5('{"id":"CVE-2023-1234","vulnStatus":"x"}', 'nvd.json')).where).toBe(
        'cveMetadata',
      );
      const text = windows.toString('utf8');
      expect(
        feedError(() =>
          parseCve5(text.replace('"cveId": "CVE-2023-24880"', '"cveId": "CVE-2023-248"'), 'x.json'),
        ).where,
      ).toBe('cveMetadata.cveId');
      expect(
        feedError(() => parseCve5(text.replace('"baseScore": 4.4', '"baseScore": "medium"'), 'x.json')).where,
      ).toBe('containers.cna.metrics[0].cvssV3_1.baseScore');
      expect(
        feedError(() =>
          parseCve5(
            text.replace('"dateUpdated": "2024-05-29T03:32:52.615Z"', '"dateUpdated": "2024-05-29T03:32:52"'),
            'x.json',
          ),
        ),
      ).toMatchObject({
        where: 'cveMetadata.dateUpdated',
        reason: '"2024-05-29T03:32:52" has no time zone',
      });
    });
  },
);
