import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../model';
import { type C2rBuild, parseC2rTable } from './c2r-builds';
import { buildMatchIndex } from './index';
import { matchHost } from './match';
import { cvrf, fix, PRODUCTS as P, vuln } from './test-support';

const URL = 'https://aka.ms/OfficeSecurityReleases';
const ALL = { includeFixed: true };

// CVE-2023-23397 as 2023-Mar wrote it: MSI Outlook 2016 KB5002254 at Outlook's 16.0.5387.1000, C2R via the URL.
const outlookCve = vuln(
  'CVE-2023-23397',
  [
    fix([P.outlook2016_x86, P.outlook2016_x64], '5002254', '16.0.5387.1000', { supersedes: ['KB5002051'] }),
    fix([P.apps365_x64, P.ltsc2021_x64], undefined, URL, {
      line: 'click_to_run',
      description: 'Click to Run',
    }),
    { kind: 'mitigation', line: 'other', productIds: [P.outlook2016_x64.id], description: 'Block TCP 445' },
  ],
  { publishedAt: new Date('2023-03-14T07:00:00Z') },
);
const suiteCve = vuln('CVE-2023-0100', [fix([P.office2016_x64], '5002300', '16.0.5390.1000')]);
const feeds = [cvrf('2023-Mar', '2023-03-30T07:00:00Z', [outlookCve, suiteCve])];

const officeHost = (office: HostFacts['office'], extra: Partial<HostFacts> = {}): HostFacts => ({
  hostId: 'o',
  hotfixes: [],
  programs: [],
  office,
  ...extra,
});

describe('Office MSI file-version rule', () => {
  const index = buildMatchIndex(feeds);

  it('compares the FixedBuild with the Outlook file version, one verdict for 32/64-bit rows', () => {
    const open = matchHost(index, officeHost({ msiFiles: { outlook: '16.0.5378.1000' } }));
    expect(open).toMatchObject([
      {
        cve: 'CVE-2023-23397',
        status: 'vulnerable',
        rule: 'office-msi-file',
        fixKb: 'KB5002254',
        confidence: 'high',
      },
      { cve: 'CVE-2023-0100', status: 'unknown' },
    ]);
    expect(matchHost(index, officeHost({ msiFiles: { Outlook: '16.0.5387.1000' } }), ALL)[0]).toMatchObject({
      status: 'fixed',
    });
  });

  it('without the file: KB evidence, else unknown', () => {
    const programs = [{ name: 'Microsoft Office Professional Plus 2016', version: '16.0.4266.1001' }];
    const [unknown] = matchHost(index, officeHost(undefined, { programs }));
    expect(unknown).toMatchObject({ cve: 'CVE-2023-23397', status: 'unknown' });
    expect(unknown?.reason).toContain('outlook');
    const byKb = matchHost(index, officeHost(undefined, { programs, hotfixes: ['KB5002254'] }), ALL);
    expect(byKb[0]).toMatchObject({ status: 'fixed', rule: 'kb-fallback', confidence: 'medium' });
  });

  it('the suite row uses an `office` file version when one is reported', () => {
    const verdicts = matchHost(
      index,
      officeHost({ msiFiles: { outlook: '16.0.5387.1000', office: '16.0.5389.1000' } }),
    );
    expect(verdicts).toMatchObject([
      { cve: 'CVE-2023-0100', status: 'vulnerable', fixedBuild: '16.0.5390.1000' },
    ]);
  });

  it('no MSI Office 2016 on the host → no MSI verdicts', () => {
    expect(matchHost(index, officeHost({ msiFiles: { outlook: '15.0.5537.1000' } }))).toEqual([]);
    expect(matchHost(index, officeHost({ msiFiles: { outlook: 'n/a' } }))).toEqual([]);
  });
});

const TABLE: C2rBuild[] = parseC2rTable(
  [
    'channel,version,build,releasedAt',
    'Current,2301,16026.20238,2023-03-01',
    'Current,2302,16130.20306,2023-03-14',
    'Current,2302,16130.20332,2023-03-21',
    'SemiAnnual,2208,15601.20578,2023-03-14',
    'SemiAnnual,2202,14931.20944,2023-03-14',
    'PerpetualVL2021,2108,16.0.14332.20481,2023-03-14',
  ].join('\n'),
);

describe('Office Click-to-Run channel rule', () => {
  const index = buildMatchIndex(feeds, { c2rTable: TABLE });
  const c2r = (version: string, channel?: string, platform = 'x64') =>
    matchHost(index, officeHost({ clickToRun: { version, channel, platform } }), ALL);

  it.each([
    ['16.0.16130.20306', 'Current', 'fixed', '16.0.16130.20306'],
    ['16.0.16130.20218', 'Current', 'vulnerable', '16.0.16130.20306'],
    ['16.0.16026.20238', 'Current', 'vulnerable', '16.0.16130.20306'],
    // Semi-Annual serves two versions at once: each host is held to its own version's build.
    ['16.0.15601.20578', 'Semi-Annual Enterprise Channel', 'fixed', '16.0.15601.20578'],
    ['16.0.14931.20944', 'SemiAnnual', 'fixed', '16.0.14931.20944'],
    ['16.0.14931.20900', 'SemiAnnual', 'vulnerable', '16.0.14931.20944'],
    ['16.0.14326.20000', 'SemiAnnual', 'vulnerable', '16.0.14931.20944'],
    ['16.0.14332.20481', 'PerpetualVL2021', 'fixed', '16.0.14332.20481'],
  ])('%s on %s → %s (%s)', (version, channel, status, fixedBuild) => {
    expect(c2r(version, channel)).toMatchObject([
      {
        cve: 'CVE-2023-23397',
        status,
        fixedBuild,
        rule: 'office-c2r-channel',
        observed: `${version} (${channel})`,
      },
    ]);
  });

  it('no channel, an unknown channel or no table row → unknown with a reason', () => {
    expect(c2r('16.0.16130.20306')[0]?.reason).toContain('not reported');
    expect(c2r('16.0.16130.20306', 'Dogfood')[0]?.reason).toContain('not known');
    const [monthly] = c2r('16.0.16130.20306', 'MonthlyEnterprise');
    expect(monthly).toMatchObject({ status: 'unknown' });
    expect(monthly?.reason).toContain('monthly-enterprise');
    const empty = buildMatchIndex(feeds);
    const [none] = matchHost(
      empty,
      officeHost({ clickToRun: { version: '16.0.16130.20306', channel: 'Current' } }),
    );
    expect(none).toMatchObject({ status: 'unknown', rule: 'office-c2r-channel' });
  });

  it('a 32-bit install on a product the advisory lists only as 64-bit gives no verdict', () => {
    expect(c2r('16.0.16130.20306', 'Current', 'x86')).toEqual([]);
  });
});

describe('parseC2rTable', () => {
  it('normalises channels and full 16.0 builds', () => {
    expect(TABLE[0]).toEqual({
      channel: 'current',
      version: '2301',
      build: '16026.20238',
      releasedAt: '2023-03-01',
    });
    expect(TABLE.at(-1)).toMatchObject({ channel: 'ltsc-2021', build: '14332.20481' });
    expect(parseC2rTable('channel,version,build,releasedAt\n')).toEqual([]);
  });

  it.each([
    ['Nightly,2302,16130.20306,2023-03-14', /line 2: unknown channel/],
    ['Current,2302,16130,2023-03-14', /line 2: build/],
    ['Current,2302,15.0.16130.20306,2023-03-14', /line 2: build/],
    ['Current,2302,16130.20306,14/03/2023', /line 2: releasedAt/],
  ])('refuses %s', (row, message) => {
    expect(() => parseC2rTable(`channel,version,build,releasedAt\n${row}`)).toThrow(message);
  });
});

describe('Click-to-Run: a table row that names the CVE', () => {
  // Current: the date rule would pick 16130.20306 (first build on/after 2023-03-14); the table says
  // the fix came in .20332 (named), so .20306 is still vulnerable, and with high confidence.
  const named = parseC2rTable(
    [
      'channel,version,build,releasedAt,cves',
      'Current,2302,16130.20306,2023-03-14,',
      'Current,2302,16130.20332,2023-03-21,CVE-2023-23397',
      'SemiAnnual,2208,15601.20578,2023-03-14,CVE-2023-23397',
      'SemiAnnual,2202,14931.20944,2023-03-14,CVE-2023-23397',
    ].join('\n'),
  );
  const index = buildMatchIndex(feeds, { c2rTable: named });
  const c2r = (version: string, channel: string) =>
    matchHost(index, officeHost({ clickToRun: { version, channel, platform: 'x64' } }), ALL)[0];

  it.each([
    ['16.0.16130.20306', 'Current', 'vulnerable', '16.0.16130.20332'],
    ['16.0.16130.20332', 'Current', 'fixed', '16.0.16130.20332'],
    ['16.0.16227.20000', 'Current', 'fixed', '16.0.16130.20332'],
    // Each Semi-Annual version is held to its own named build; an older version to the lowest one.
    ['16.0.14931.20943', 'SemiAnnual', 'vulnerable', '16.0.14931.20944'],
    ['16.0.15601.20578', 'SemiAnnual', 'fixed', '16.0.15601.20578'],
    ['16.0.14326.20000', 'SemiAnnual', 'vulnerable', '16.0.14931.20944'],
  ])('%s on %s → %s against %s, confidence high', (version, channel, status, fixedBuild) => {
    expect(c2r(version, channel)).toMatchObject({ status, fixedBuild, confidence: 'high' });
  });

  it('a channel the table does not name the CVE for falls back to the release date (medium)', () => {
    const mixed = buildMatchIndex(feeds, {
      c2rTable: [
        ...named,
        { channel: 'monthly-enterprise', version: '2301', build: '16026.20274', releasedAt: '2023-03-14' },
      ],
    });
    const [verdict] = matchHost(
      mixed,
      officeHost({
        clickToRun: { version: '16.0.16026.20200', channel: 'MonthlyEnterprise', platform: 'x64' },
      }),
    );
    expect(verdict).toMatchObject({
      status: 'vulnerable',
      fixedBuild: '16.0.16026.20274',
      confidence: 'medium',
    });
  });
});
