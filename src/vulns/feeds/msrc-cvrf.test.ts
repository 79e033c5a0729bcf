import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedParseError, ParsedFeed } from '../model';
import { parseMsrcCvrf } from './msrc-cvrf';
import { cut, feedError, hasFixture, middleOf, readFixture } from './test-support';

const MONTHS = 'p0w3rsh3ll-msrc-data/2024';
const TRIMMED = 'vuls-data-update/msrc-cvrf/2024-Mar';
const MAY_2023 = 'p0w3rsh3ll-msrc-data/cvrfDocument-2023-May.xml';
const missing = (dir: string) => `(fixture ../shared/fixtures/advisories/${dir}, skipped when missing)`;

const vulnerability = (feed: ParsedFeed, cve: string) => {
  const found = feed.vulnerabilities.find((item) => item.cve === cve);
  if (found === undefined) throw new Error(`${cve} not in ${feed.documentId}`);
  return found;
};

describe.skipIf(!hasFixture(TRIMMED))(`MSRC CVRF: vuls 2024-Mar trimmed month ${missing(TRIMMED)}`, () => {
  let feed: ParsedFeed;
  beforeAll(() => {
    feed = parseMsrcCvrf(readFixture(TRIMMED), '2024-Mar');
  });

  it('reads the document tracking, treating the zone-less release date as UTC', () => {
    expect(feed).toMatchObject({ source: 'msrc-cvrf', documentId: '2024-Mar', revision: '13' });
    expect(feed.title).toBe('March 2024 Security Updates');
    expect(feed.releasedAt?.toISOString()).toBe('2024-04-09T07:00:00.000Z');
  });

  it('reads products with their branch family', () => {
    expect(feed.products).toHaveLength(7);
    expect(feed.products).toContainEqual({ id: '12130', name: '.NET 7.0', family: 'Developer Tools' });
  });

  it('maps CVE-2024-21392 with scores, threats, affected products and six vendor fixes', () => {
    const cve = vulnerability(feed, 'CVE-2024-21392');
    expect(cve.title).toBe('.NET and Visual Studio Denial of Service Vulnerability');
    expect(cve.exploited).toBe(false);
    expect(cve.publiclyDisclosed).toBe(false);
    expect(cve.cwes).toEqual(['CWE-400']);
    expect(cve.severities).toEqual([
      { value: 'Important', productIds: ['12309', '12130', '12260', '12187', '12129', '12271'] },
    ]);
    expect(cve.impacts[0]?.value).toBe('Denial of Service');
    expect(cve.cvss).toEqual([
      expect.objectContaining({ version: '3.1', baseScore: 7.5, temporalScore: 6.7, source: 'microsoft' }),
    ]);
    expect(cve.affected.map((entry) => entry.status)).toEqual(Array(6).fill('affected'));
    expect(cve.affected).toContainEqual({
      productId: '12260',
      product: '.NET 8.0',
      ranges: [],
      status: 'affected',
    });
    expect(cve.remediations).toHaveLength(6);
    expect(cve.remediations.find((row) => row.kb === 'KB5036451')).toMatchObject({
      kind: 'vendor_fix',
      line: 'monthly_rollup',
      fixedBuild: '7.0.17',
      productIds: ['12130'],
      restartRequired: undefined,
    });
    expect(cve.remediations.find((row) => row.productIds[0] === '12309')).toMatchObject({
      line: 'release_notes',
      fixedBuild: '17.9.3',
      kb: undefined,
    });
    expect(cve.publishedAt?.toISOString()).toBe('2024-03-12T07:00:00.000Z');
  });
});

describe.skipIf(!hasFixture(MONTHS))(`MSRC CVRF: the six 2024 months ${missing(MONTHS)}`, () => {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'];
  const skipped: FeedParseError[] = [];
  let feeds: Record<string, ParsedFeed>;
  let apr: ParsedFeed;
  beforeAll(() => {
    const parse = (month: string) => {
      const file = `cvrfDocument-2024-${month}.xml`;
      return parseMsrcCvrf(readFixture(`${MONTHS}/${file}`), file, {
        onInvalidCveId: (error) => skipped.push(error),
      });
    };
    feeds = Object.fromEntries(names.map((month) => [month, parse(month)]));
    apr = feeds.Apr as ParsedFeed;
  });

  it('holds 663 records (SOURCES.md), one of which has MSRC\'s broken id "CVE-2024-21626M"', () => {
    const counts = names.map((month) => feeds[month]?.vulnerabilities.length);
    expect(counts).toEqual([85, 96, 81, 178, 125, 97]);
    expect(skipped.map((error) => [error.where, error.reason])).toEqual([
      ['Vulnerability[1].CVE', '"CVE-2024-21626M" is not a CVE id (CVE-YYYY-NNNN)'],
    ]);
    expect(counts.reduce((sum, count) => (sum ?? 0) + (count ?? 0), 0)! + skipped.length).toBe(663);
    expect(vulnerability(feeds.Feb as ParsedFeed, 'CVE-2024-21626').remediations.length).toBeGreaterThan(0);
  });

  it('refuses the broken id by default, naming it', () => {
    const error = feedError(() =>
      parseMsrcCvrf(readFixture(`${MONTHS}/cvrfDocument-2024-Feb.xml`), 'feb.xml'),
    );
    expect(error.file).toBe('feb.xml');
    expect(error.reason).toContain('CVE-2024-21626M');
  });

  it("reads each month's single document revision", () => {
    expect(names.map((month) => feeds[month]?.revision)).toEqual(['5', '6', '11', '30', '8', '3']);
    expect(apr.releasedAt?.toISOString()).toBe('2024-04-26T17:17:20.000Z');
    expect(apr.products).toHaveLength(141);
  });

  it('flags exactly the exploited CVEs SOURCES.md lists', () => {
    const exploited = names.flatMap((month) =>
      (feeds[month]?.vulnerabilities ?? []).filter((item) => item.exploited).map((item) => item.cve),
    );
    expect(exploited).toEqual([
      'CVE-2024-21338',
      'CVE-2024-21351',
      'CVE-2024-21410',
      'CVE-2024-21412',
      'CVE-2024-26234',
      'CVE-2024-30040',
      'CVE-2024-30051',
    ]);
  });

  it('maps April CVE-2024-26234: KB, FixedBuild per base build, supersedence, known issues', () => {
    const cve = vulnerability(apr, 'CVE-2024-26234');
    expect(cve).toMatchObject({ exploited: true, publiclyDisclosed: true, cwes: ['CWE-284'] });
    expect(cve.remediations.find((row) => row.kb === 'KB5036896')).toMatchObject({
      kind: 'vendor_fix',
      line: 'security_update',
      fixedBuild: '10.0.17763.5696',
      supersedes: ['KB5035849'],
      productIds: ['11568', '11569', '11570', '11571', '11572'],
      restartRequired: true,
    });
    expect(cve.remediations.find((row) => row.kb === 'KB5036969')).toMatchObject({
      line: 'monthly_rollup',
      fixedBuild: '6.2.9200.24821',
      supersedes: ['KB5035930'],
    });
    expect(cve.remediations.some((row) => row.kind === 'known_issue' && row.kb === 'KB5036892')).toBe(true);
  });

  it('normalises both 2024 hotpatch spellings to the hotpatch line', () => {
    const march = vulnerability(feeds.Mar as ParsedFeed, 'CVE-2024-21429').remediations.find(
      (row) => row.kb === 'KB5035959',
    );
    expect(march).toMatchObject({
      line: 'hotpatch',
      subType: 'SecurityHotpatchUpdate',
      fixedBuild: '10.0.20348.2333',
    });
    const june = vulnerability(feeds.Jun as ParsedFeed, 'CVE-2024-30069').remediations.find(
      (row) => row.kb === 'KB5039330',
    );
    expect(june).toMatchObject({
      line: 'hotpatch',
      subType: 'Security Hotpatch Update',
      fixedBuild: '10.0.20348.2522',
    });
  });

  it('keeps unusual FixedBuild values raw: the Edge placeholder, Click-to-Run URL, CBL-Mariner RPM', () => {
    expect(vulnerability(apr, 'CVE-2024-4058').remediations[0]).toMatchObject({
      fixedBuild: '124.0.6367.xxx',
      line: 'release_notes',
    });
    expect(
      vulnerability(apr, 'CVE-2024-26257').remediations.find((row) => row.line === 'click_to_run'),
    ).toMatchObject({
      fixedBuild: 'https://aka.ms/OfficeSecurityReleases',
      description: 'Click to Run',
    });
    expect(vulnerability(feeds.Jun as ParsedFeed, 'CVE-2024-1298').remediations[0]).toMatchObject({
      line: 'other',
      subType: 'CBL-Mariner',
      fixedBuild: '1.0.1-3',
      description: 'hvloader',
    });
    expect(vulnerability(apr, 'CVE-2024-26232').remediations.some((row) => row.kind === 'mitigation')).toBe(
      true,
    );
  });
});

describe.skipIf(!hasFixture(MAY_2023))(`MSRC CVRF: 2023-May ${missing(MAY_2023)}`, () => {
  let feed: ParsedFeed;
  beforeAll(() => {
    feed = parseMsrcCvrf(readFixture(MAY_2023), 'cvrfDocument-2023-May.xml');
  });

  it('has 69 CVEs over 69 products, two exploited', () => {
    expect(feed.vulnerabilities).toHaveLength(69);
    expect(feed.products).toHaveLength(69);
    expect(feed.vulnerabilities.filter((item) => item.exploited).map((item) => item.cve)).toEqual([
      'CVE-2023-29336',
      'CVE-2023-24932',
    ]);
  });

  it('has every remediation kind and line: rollup, security-only, hotpatch, IE, workaround', () => {
    const rows = feed.vulnerabilities.flatMap((item) => item.remediations);
    const lines = new Set(rows.map((row) => row.line));
    for (const line of ['monthly_rollup', 'security_only', 'hotpatch', 'ie_cumulative', 'click_to_run']) {
      expect(lines).toContain(line);
    }
    expect(new Set(rows.map((row) => row.kind))).toEqual(
      new Set(['vendor_fix', 'known_issue', 'mitigation', 'workaround']),
    );
    expect(
      vulnerability(feed, 'CVE-2023-28283').remediations.find((row) => row.line === 'hotpatch'),
    ).toMatchObject({
      kb: 'KB5026456',
      fixedBuild: '10.0.20348.1724',
    });
  });
});

describe.skipIf(!hasFixture(TRIMMED))(`MSRC CVRF: malformed and hostile input ${missing(TRIMMED)}`, () => {
  let good: Buffer;
  beforeAll(() => {
    good = readFixture(TRIMMED);
  });

  it('refuses a file cut in half and one cut inside a string', () => {
    const half = feedError(() => parseMsrcCvrf(cut(good, good.length / 2), 'half.xml'));
    expect(half).toMatchObject({ file: 'half.xml' });
    expect(half.reason).toMatch(/ends before its elements close/);
    const inString = feedError(() =>
      parseMsrcCvrf(cut(good, middleOf(good, 'Uncontrolled Resource')), 'cut.xml'),
    );
    expect(inString.reason).toMatch(/XML/);
    const inAttribute = feedError(() =>
      parseMsrcCvrf(cut(good, middleOf(good, 'Known Affected')), 'attr.xml'),
    );
    expect(inAttribute.reason).toMatch(/XML/);
  });

  it('refuses empty and foreign input', () => {
    expect(feedError(() => parseMsrcCvrf('', 'empty.xml')).reason).toBe('the file is empty');
    expect(feedError(() => parseMsrcCvrf('cve,epss\n', 'x.csv')).reason).toMatch(/not an MSRC CVRF/);
    expect(feedError(() => parseMsrcCvrf('<html><body/></html>', 'x.html')).reason).toMatch(
      /root is not <cvrfdoc>/,
    );
    expect(
      feedError(() => parseMsrcCvrf('{"catalogVersion":"1","vulnerabilities":[]}', 'kev.json')).where,
    ).toBe('DocumentTracking');
  });

  it('refuses a billion-laughs DTD and an external entity before parsing', () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`,
      ),
      ']>',
      '<cvrfdoc>&lol9;</cvrfdoc>',
    ].join('\n');
    const started = Date.now();
    const error = feedError(() => parseMsrcCvrf(laughs, 'lolz.xml'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({
      where: 'line 2, column 1',
      reason: '<!DOCTYPE> is not allowed in CVRF documents',
    });
    const external = '<!ENTITY xxe SYSTEM "file:///etc/passwd"><cvrfdoc>&xxe;</cvrfdoc>';
    expect(feedError(() => parseMsrcCvrf(external, 'xxe.xml')).reason).toMatch(/<!ENTITY> is not allowed/);
  });

  it('refuses input over the size cap before reading it', () => {
    const error = feedError(() => parseMsrcCvrf(good, 'big.xml', { maxBytes: 1000 }));
    expect(error).toMatchObject({ where: 'input' });
    expect(error.reason).toMatch(/over the limit of 1000 bytes/);
  });

  it('refuses a record whose CVE is not a CVE id, and a non-numeric score', () => {
    const text = good.toString('utf8');
    const badId = feedError(() =>
      parseMsrcCvrf(text.replace('<vuln:CVE>CVE-2024-21392', '<vuln:CVE>CVE-24-1'), 'id.xml'),
    );
    expect(badId).toMatchObject({ where: 'Vulnerability[0].CVE' });
    expect(badId.reason).toContain('"CVE-24-1" is not a CVE id');
    const badScore = feedError(() =>
      parseMsrcCvrf(text.replace('<vuln:BaseScore>7.5', '<vuln:BaseScore>high'), 's.xml'),
    );
    expect(badScore.where).toBe('Vulnerability[0] (CVE-2024-21392).CVSSScoreSets[0].BaseScore');
  });

  it('reads a zone-less date as UTC and refuses a date that is not one', () => {
    const text = good.toString('utf8');
    const feed = parseMsrcCvrf(
      text.replace(
        '<cvrf:CurrentReleaseDate>2024-04-09T07:00:00',
        '<cvrf:CurrentReleaseDate>2024-04-09T23:30:00',
      ),
      'x.xml',
    );
    expect(feed.releasedAt?.toISOString()).toBe('2024-04-09T23:30:00.000Z');
    const error = feedError(() =>
      parseMsrcCvrf(
        text.replace('<cvrf:CurrentReleaseDate>2024-04-09T07:00:00', '<cvrf:CurrentReleaseDate>9 April 2024'),
        'd.xml',
      ),
    );
    expect(error).toMatchObject({ where: 'DocumentTracking.CurrentReleaseDate' });
  });
});
