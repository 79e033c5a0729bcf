import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseEpss } from './epss';
import { cut, feedError, hasFixture, readFixture } from './test-support';

const DIR = 'vuls-data-update/epss';

describe.skipIf(!hasFixture(DIR))(
  `EPSS (fixture ../shared/fixtures/advisories/${DIR}, skipped when missing)`,
  () => {
    const load = (date: string) =>
      parseEpss(readFixture(`${DIR}/epss_scores-${date}.csv.gz`), `epss_scores-${date}.csv.gz`);

    it('reads the 2021-04 layout: cve,epss only, date from the file name', () => {
      const feed = load('2021-04-14');
      expect(feed).toMatchObject({ source: 'epss', documentId: 'epss:2021-04-14', scoreDate: '2021-04-14' });
      expect(feed.modelVersion).toBeUndefined();
      expect(feed.epss).toEqual([
        { cve: 'CVE-2020-5902', epss: 0.65117 },
        { cve: 'CVE-2018-19571', epss: 0.04773 },
      ]);
    });

    it('reads the 2021-09 layout with full-precision percentiles', () => {
      expect(load('2021-09-01').epss[0]).toEqual({
        cve: 'CVE-2020-5902',
        epss: 0.65117,
        percentile: 0.9981063485700858,
      });
    });

    it('reads the 2022+ layout: model version and score date from the comment line', () => {
      const feed = load('2023-03-07');
      expect(feed).toMatchObject({
        documentId: 'epss:2023-03-07',
        scoreDate: '2023-03-07',
        modelVersion: 'v2023.03.01',
      });
      expect(feed.releasedAt?.toISOString()).toBe('2023-03-07T00:00:00.000Z');
      expect(feed.epss[1]).toEqual({ cve: 'CVE-2018-19571', epss: 0.00113, percentile: 0.43131 });
    });

    it('refuses a gzip cut in half and damaged text', () => {
      const gz = readFixture(`${DIR}/epss_scores-2023-03-07.csv.gz`);
      expect(feedError(() => parseEpss(cut(gz, gz.length / 2), 'half.csv.gz')).reason).toMatch(
        /gzip data is damaged/,
      );
    });
  },
);

describe('EPSS: malformed input and size', () => {
  const header = '#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000\ncve,epss,percentile\n';

  it('refuses empty, foreign and undated files', () => {
    expect(feedError(() => parseEpss('', 'e.csv')).reason).toMatch(/expected the header/);
    expect(feedError(() => parseEpss('cveID,vendorProject\n', 'kev.csv')).where).toBe('line 1');
    expect(feedError(() => parseEpss('cve,epss\nCVE-2020-5902,0.5\n', 'scores.csv')).reason).toMatch(
      /no score date/,
    );
  });

  it('names the line of a bad CVE id, a non-numeric score and a row cut short', () => {
    expect(
      feedError(() => parseEpss(`${header}CVE-2020-5902,0.5,0.9\nCVE-20-1,0.1,0.2\n`, 'x.csv')),
    ).toMatchObject({
      where: 'line 4',
      reason: '"CVE-20-1" is not a CVE id (CVE-YYYY-NNNN)',
    });
    expect(feedError(() => parseEpss(`${header}CVE-2020-5902,high,0.9\n`, 'x.csv'))).toMatchObject({
      where: 'line 3',
      reason: 'epss "high" is not a number between 0 and 1',
    });
    expect(feedError(() => parseEpss(`${header}CVE-2020-5902,0.5,0.9\nCVE-2020-59`, 'x.csv')).reason).toMatch(
      /expected 3 columns/,
    );
  });

  it('stops a gzip bomb at the decompressed cap and refuses input over the raw cap', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x41));
    const error = feedError(() =>
      parseEpss(bomb, 'epss_scores-2023-03-07.csv.gz', { maxDecompressedBytes: 1024 * 1024 }),
    );
    expect(error).toMatchObject({
      where: 'input',
      reason: 'the decompressed file is over the limit of 1048576 bytes',
    });
    expect(feedError(() => parseEpss(bomb, 'x.csv.gz', { maxBytes: 100 })).reason).toMatch(
      /over the limit of 100 bytes/,
    );
  });

  // No timing assertion: the machine is shared (house rule: never fail a test on wall-clock time).
  it('parses a full-size day (250k rows, gzipped)', () => {
    const rows = Array.from(
      { length: 250_000 },
      (_, index) => `CVE-2023-${10000 + index},0.0${index % 97},0.${index % 991}`,
    );
    const gz = gzipSync(`${header}${rows.join('\n')}\n`);
    const feed = parseEpss(gz, 'epss_scores-2023-03-07.csv.gz');
    expect(feed.epss).toHaveLength(250_000);
    // 249999 % 97 = 30 and 249999 % 991 = 267
    expect(feed.epss[249_999]).toEqual({ cve: 'CVE-2023-259999', epss: 0.03, percentile: 0.267 });
  });
});
