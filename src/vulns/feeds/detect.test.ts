import { describe, expect, it } from 'vitest';
import { detectFormat, isCveId, parseFeed } from './detect';
import { feedError, hasFixture, readFixture } from './test-support';

const FILES: [string, string][] = [
  ['p0w3rsh3ll-msrc-data/2024/cvrfDocument-2024-Mar.xml', 'msrc-cvrf'],
  ['vuls-data-update/msrc-cvrf/2024-Mar', 'msrc-cvrf'],
  ['vuls-data-update/msrc-csaf/msrc_cve-2025-29806.json', 'msrc-csaf'],
  ['cisagov-kev-data/known_exploited_vulnerabilities.json', 'kev'],
  ['cisagov-kev-data/known_exploited_vulnerabilities.csv', 'kev'],
  ['vuls-data-update/cisa-kev/known_exploited_vulnerabilities.json', 'kev'],
  ['nvd-api-2.0/CVE-2021-33044.json', 'nvd'],
  ['cvelistV5/CVE-2021-36260.json', 'cve5'],
  ['vuls-data-update/epss/epss_scores-2021-04-14.csv.gz', 'epss'],
];

describe('detectFormat and parseFeed', () => {
  for (const [file, source] of FILES) {
    it.skipIf(!hasFixture(file))(
      `${file} is ${source} from its content, whatever its name (skipped when missing)`,
      () => {
        const bytes = readFixture(file);
        expect(detectFormat(bytes, 'upload.bin')).toBe(source);
        const name = file.split('/').pop() ?? file;
        expect(parseFeed(bytes, name).source).toBe(source);
      },
    );
  }

  it('sniffs the smaller shapes: NVD envelope, bare NVD record, CVRF JSON, plain EPSS CSV', () => {
    const detect = (text: string) => detectFormat(Buffer.from(text), 'x');
    expect(detect('{"resultsPerPage":0,"format":"NVD_CVE","timestamp":"x","vulnerabilities":[]}')).toBe(
      'nvd',
    );
    expect(detect('{"id":"CVE-2023-0001","vulnStatus":"Analyzed"}')).toBe('nvd');
    expect(detect('\uFEFF{"DocumentTitle":{"Value":"x"},"DocumentTracking":{}}')).toBe('msrc-cvrf');
    expect(
      detect('#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000\ncve,epss,percentile\n'),
    ).toBe('epss');
    expect(detect('cve,epss\r\nCVE-2020-5902,0.1\r\n')).toBe('epss');
  });

  it('refuses what it does not know, and empty input', () => {
    expect(feedError(() => detectFormat(Buffer.from('{"hello":"world"}'), 'x.json'))).toMatchObject({
      file: 'x.json',
      where: 'line 1, column 1',
      reason: 'unrecognised format',
    });
    expect(feedError(() => detectFormat(Buffer.from('<rss/>'), 'x.xml')).reason).toBe('unrecognised format');
    expect(feedError(() => detectFormat(Buffer.alloc(0), 'x')).reason).toBe('the file is empty');
  });

  it('hands a hostile CVRF to the CVRF parser, which refuses its DTD; caps the size of any input', () => {
    const laughs =
      '<!DOCTYPE cvrfdoc [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><cvrf:cvrfdoc>&b;</cvrf:cvrfdoc>';
    expect(feedError(() => parseFeed(Buffer.from(laughs), 'x.xml')).reason).toBe(
      '<!DOCTYPE> is not allowed in CVRF documents',
    );
    expect(
      feedError(() => parseFeed(Buffer.from('{"cveMetadata":{}}'), 'x.json', { maxBytes: 5 })).where,
    ).toBe('input');
  });

  it('isCveId accepts CVE-YYYY-NNNN with four or more digits only', () => {
    expect(['CVE-2023-24880', 'CVE-2021-1234', 'CVE-2024-1234567'].every(isCveId)).toBe(true);
    expect(
      ['CVE-2024-21626M', 'CVE-23-1234', 'cve-2023-24880', 'CVE-2023-123', ' CVE-2023-24880', 42].some(
        isCveId,
      ),
    ).toBe(false);
  });
});
