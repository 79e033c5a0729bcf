import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../model';
import { parseKev, splitKevNotes } from './kev';
import { cut, feedError, hasFixture, middleOf, readFixture } from './test-support';

const DIR = 'cisagov-kev-data';
const VULS = 'vuls-data-update/cisa-kev/known_exploited_vulnerabilities.json';

describe.skipIf(!hasFixture(DIR))(
  `CISA KEV (fixture ../shared/fixtures/advisories/${DIR}, skipped when missing)`,
  () => {
    let json: Buffer;
    let csv: Buffer;
    let fromJson: ParsedFeed;
    let fromCsv: ParsedFeed;
    beforeAll(() => {
      json = readFixture(`${DIR}/known_exploited_vulnerabilities.json`);
      csv = readFixture(`${DIR}/known_exploited_vulnerabilities.csv`);
      fromJson = parseKev(json, 'kev.json');
      fromCsv = parseKev(csv, 'kev.csv');
    });

    it('reads the catalogue header', () => {
      expect(fromJson).toMatchObject({ source: 'kev', documentId: 'kev', revision: '2025.08.25' });
      expect(fromJson.releasedAt?.toISOString()).toBe('2025-08-25T17:04:19.979Z');
      expect(fromJson.kev).toHaveLength(1404);
    });

    it('maps CVE-2023-24880 with its due date, ransomware flag, notes and CWE', () => {
      expect(fromJson.kev.find((entry) => entry.cve === 'CVE-2023-24880')).toEqual({
        cve: 'CVE-2023-24880',
        vendorProject: 'Microsoft',
        product: 'Windows',
        name: 'Microsoft Windows SmartScreen Security Feature Bypass Vulnerability',
        dateAdded: '2023-03-14',
        dueDate: '2023-04-04',
        requiredAction: 'Apply updates per vendor instructions.',
        shortDescription: expect.stringContaining('Mark of the Web'),
        knownRansomware: true,
        notes: [
          'https://msrc.microsoft.com/update-guide/en-US/vulnerability/CVE-2023-24880',
          'https://nvd.nist.gov/vuln/detail/CVE-2023-24880',
        ],
        cwes: ['CWE-863'],
      });
      expect(fromJson.kev.filter((entry) => entry.knownRansomware)).toHaveLength(293);
    });

    it('reads the CSV to exactly the same entries, splitting the one-cell cwes', () => {
      expect(fromCsv.kev).toEqual(fromJson.kev);
      expect(fromCsv.kev.find((entry) => entry.cve === 'CVE-2025-48384')?.cwes).toEqual([
        'CWE-59',
        'CWE-436',
      ]);
    });

    it('splits notes on ";" and URL-only "," lists, keeping prose whole', () => {
      expect(splitKevNotes('https://a.example/1, https://b.example/2;  https://c.example/3')).toEqual([
        'https://a.example/1',
        'https://b.example/2',
        'https://c.example/3',
      ]);
      expect(splitKevNotes('Please check with vendors (OEMs,) for status. https://x.example')).toHaveLength(
        1,
      );
    });

    it('refuses truncated, empty and foreign input', () => {
      expect(feedError(() => parseKev(cut(json, json.length / 2), 'half.json')).where).toMatch(
        /^line \d+, column \d+$/,
      );
      expect(
        feedError(() => parseKev(cut(json, middleOf(json, 'SmartScreen Security')), 'c.json')).reason,
      ).toMatch(/JSON/);
      const halfCsv = feedError(() => parseKev(cut(csv, middleOf(csv, 'Mark of the Web')), 'half.csv'));
      expect(halfCsv.reason).toMatch(/CSV/);
      expect(feedError(() => parseKev('', 'e.json')).reason).toBe('the file is empty');
      expect(feedError(() => parseKev('<cvrfdoc/>', 'x.xml')).reason).toMatch(/neither KEV JSON/);
      expect(feedError(() => parseKev('cveID,product\nCVE-2023-0001,x\n', 'x.csv')).reason).toMatch(
        /lacks vendorProject/,
      );
    });

    it('names the record and field of a bad CVE id, a missing field and a bad date', () => {
      const catalogue = JSON.parse(json.toString('utf8'));
      catalogue.vulnerabilities[12].cveID = 'CVE-2023-12';
      expect(feedError(() => parseKev(JSON.stringify(catalogue), 'k.json'))).toMatchObject({
        where: 'vulnerabilities[12].cveID',
      });
      catalogue.vulnerabilities[12].cveID = 'CVE-2023-1234';
      delete catalogue.vulnerabilities[3].dueDate;
      expect(feedError(() => parseKev(JSON.stringify(catalogue), 'k.json')).where).toBe(
        'vulnerabilities[3].dueDate',
      );
      catalogue.vulnerabilities[3].dueDate = '04/04/2023';
      expect(feedError(() => parseKev(JSON.stringify(catalogue), 'k.json')).reason).toBe(
        'expected a date as YYYY-MM-DD',
      );
      catalogue.vulnerabilities[3].dueDate = '2023-04-04';
      catalogue.dateReleased = '2025-08-25T17:04:19';
      expect(feedError(() => parseKev(JSON.stringify(catalogue), 'k.json'))).toMatchObject({
        where: 'dateReleased',
        reason: '"2025-08-25T17:04:19" has no time zone',
      });
      const badRow = csv.toString('utf8').replace('CVE-2023-24880,Microsoft', 'CVE-2023-x,Microsoft');
      expect(feedError(() => parseKev(badRow, 'k.csv')).where).toBe('row 514.cveID');
    });
  },
);

describe.skipIf(!hasFixture(VULS))(
  `CISA KEV: 2022 one-entry catalogue (fixture ${VULS}, skipped when missing)`,
  () => {
    it('keeps the array when count (801) disagrees, and reads empty cwes', () => {
      const feed = parseKev(readFixture(VULS), 'kev-2022.json');
      expect(feed.revision).toBe('2022.08.18');
      expect(feed.kev).toHaveLength(1);
      expect(feed.kev[0]).toMatchObject({
        cve: 'CVE-2022-21971',
        dueDate: '2022-09-08',
        knownRansomware: false,
        cwes: [],
      });
    });
  },
);
