import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../model';
import { detectFormat, parseFeed } from './detect';

// Tables written for these tests (not Microsoft's history): builds and dates only need to be well formed.
const CSV = [
  'channel,version,build,releasedAt,cves',
  'Current,2304,16327.20248,2023-05-09,CVE-2023-29335 CVE-2023-29333',
  'Current Channel,2304,16.0.16327.20214,2023-04-25,',
  'Monthly Enterprise Channel,2303,16227.20318,2023-05-09,"CVE-2023-29335, CVE-2023-29333"',
].join('\n');

const JSON_TABLE = JSON.stringify({
  format: 'canhgac-c2r-builds',
  version: 1,
  builds: [
    {
      channel: 'SemiAnnual',
      version: '2208',
      build: '15601.20660',
      releasedAt: '2023-05-09',
      cves: ['CVE-2023-29335'],
    },
    { channel: 'PerpetualVL2021', version: '2108', build: '16.0.14332.20503', releasedAt: '2023-05-09' },
  ],
});

const parse = (text: string, name = 'c2r.csv') => parseFeed(Buffer.from(text), name);

function failure(text: string, name = 'c2r.csv'): FeedParseError {
  try {
    parse(text, name);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

describe('Click-to-Run build table as a feed file', () => {
  it('is detected by content, CSV (header in any case and order) or JSON, whatever the name', () => {
    expect(detectFormat(Buffer.from(CSV), 'no-extension')).toBe('c2r-builds');
    expect(detectFormat(Buffer.from('\uFEFF"ReleasedAt","Build","Channel"\n'), 'x')).toBe('c2r-builds');
    expect(detectFormat(Buffer.from(JSON_TABLE), 'builds.txt')).toBe('c2r-builds');
    // Neighbours keep their own formats.
    expect(detectFormat(Buffer.from('cveID,vendorProject,product\n'), 'kev.csv')).toBe('kev');
    expect(detectFormat(Buffer.from('cve,epss,percentile\nCVE-2023-1,0.1,0.2\n'), 'e.csv')).toBe('epss');
  });

  it('reads channels, full or short builds and the CVEs each build fixes', () => {
    const feed = parse(CSV);
    expect(feed).toMatchObject({
      source: 'c2r-builds',
      documentId: 'c2r:current+monthly-enterprise',
      revision: '2023-05-09',
    });
    expect(feed.releasedAt?.toISOString()).toBe('2023-05-09T00:00:00.000Z');
    expect(feed.c2rBuilds).toEqual([
      {
        channel: 'current',
        version: '2304',
        build: '16327.20248',
        releasedAt: '2023-05-09',
        cves: ['CVE-2023-29335', 'CVE-2023-29333'],
      },
      { channel: 'current', version: '2304', build: '16327.20214', releasedAt: '2023-04-25' },
      {
        channel: 'monthly-enterprise',
        version: '2303',
        build: '16227.20318',
        releasedAt: '2023-05-09',
        cves: ['CVE-2023-29335', 'CVE-2023-29333'],
      },
    ]);
    const json = parse(JSON_TABLE, 'builds.json');
    expect(json.documentId).toBe('c2r:ltsc-2021+semi-annual');
    expect(json.c2rBuilds?.map((b) => [b.channel, b.build, b.cves])).toEqual([
      ['semi-annual', '15601.20660', ['CVE-2023-29335']],
      ['ltsc-2021', '14332.20503', undefined],
    ]);
  });

  it.each([
    ['channel,version,build,releasedAt\nNightly,2304,16327.20248,2023-05-09', 'line 2', /unknown channel/],
    ['channel,version,build,releasedAt\nCurrent,2304,16327,2023-05-09', 'line 2', /build is not x.y/],
    ['channel,version,build,releasedAt\nCurrent,2304,16327.20248,2023-05-09T10:00', 'line 2', /releasedAt/],
    [
      'channel,version,build,releasedAt,cves\nCurrent,2304,16327.20248,2023-05-09,CVE-23-1',
      'line 2',
      /not a CVE id/,
    ],
    [
      'channel,version,build,releasedAt\nCurrent,2304,16327.20248,2023-05-09\nCurrentChannel,2304,16.0.16327.20248,2023-05-09',
      'line 3',
      /listed twice/,
    ],
    ['channel,version,build,releasedAt\n', 'rows', /no builds/],
    ['channel,version,build,releasedAt\nCurrent,"2304,16327.20248,2023-05-09', 'CSV', /quote|Quote/],
  ])('refuses a bad CSV table with its place: %s', (text, where, reason) => {
    const error = failure(text);
    expect(error.file).toBe('c2r.csv');
    expect(error.where).toBe(where);
    expect(error.reason).toMatch(reason);
  });

  it.each([
    [JSON_TABLE.slice(0, 60), 'JSON', /JSON|Unterminated|Expected/],
    [JSON.stringify({ format: 'canhgac-c2r-builds', version: 2, builds: [] }), 'version', /unsupported/],
    [JSON.stringify({ format: 'canhgac-c2r-builds', version: 1, builds: {} }), 'builds', /not a list/],
    [
      JSON.stringify({ format: 'canhgac-c2r-builds', version: 1, builds: [42] }),
      'builds[0]',
      /not an object/,
    ],
    [
      JSON.stringify({
        format: 'canhgac-c2r-builds',
        version: 1,
        builds: [{ channel: 'Current', build: '1.2', releasedAt: '2023-05-09', cves: 'CVE-1' }],
      }),
      'builds[0]',
      /not a CVE id/,
    ],
  ])('refuses a bad JSON table with its place (%#)', (text, where, reason) => {
    const error = failure(text, 'c2r.json');
    expect(error.where).toBe(where);
    expect(error.reason).toMatch(reason);
  });
});
