/**
 * The matcher on the real MSRC months (../shared/fixtures/advisories/p0w3rsh3ll-msrc-data, read in place),
 * parsed by the feed parser. Skipped with a message when the shared fixtures are not there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../core/project-root';
import { parseMsrcCvrf } from '../feeds/msrc-cvrf';
import type { HostFacts, ParsedFeed } from '../model';
import { parseWindowsBuild } from '../versions';
import { parseC2rTable } from './c2r-builds';
import { buildMatchIndex } from './index';
import { matchHost, matchHosts } from './match';
import { normalizeProductName } from './product-key';
import { windowsHost } from './test-support';
import { windowsProductName } from './windows';

const DIR = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories', 'p0w3rsh3ll-msrc-data');
const FILES = [
  'cvrfDocument-2023-May.xml',
  ...['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'].map((month) => `2024/cvrfDocument-2024-${month}.xml`),
];
const present = FILES.every((file) => fs.existsSync(path.join(DIR, file)));
// Vitest shows skipped suites by title, so the title says why it may be skipped.
const NEEDS = `(needs ${path.relative(projectRoot(), DIR)})`;

const cache = new Map<string, ParsedFeed>();
function load(file: string): ParsedFeed {
  let feed = cache.get(file);
  if (feed === undefined) {
    // 2024-Feb has a malformed id ("CVE-2024-21626M"); the parser reports it, the matcher does not need it.
    feed = parseMsrcCvrf(fs.readFileSync(path.join(DIR, file)), file, { onInvalidCveId: () => {} });
    cache.set(file, feed);
  }
  return feed;
}

const find = (verdicts: ReturnType<typeof matchHost>, cve: string) => verdicts.find((v) => v.cve === cve);

describe.skipIf(!present)(`conformance on the 2024-Mar CVRF ${NEEDS}`, () => {
  const index = () => buildMatchIndex([load('2024/cvrfDocument-2024-Mar.xml')]);

  it('CVE-2024-26169: Windows 10 22H2 open below 10.0.19045.4170, fixed at it', () => {
    const open = matchHost(index(), windowsHost('w10', 19045, 4046));
    expect(find(open, 'CVE-2024-26169')).toMatchObject({
      status: 'vulnerable',
      fixKb: 'KB5035845',
      fixedBuild: '10.0.19045.4170',
      productId: '12097',
    });
    const fixed = matchHost(index(), windowsHost('w10', 19045, 4170), { includeFixed: true });
    expect(find(fixed, 'CVE-2024-26169')).toMatchObject({ status: 'fixed' });
    expect(fixed.filter((v) => v.status === 'vulnerable')).toEqual([]);
  });

  it('KB5035845 also fixes 21H2, but a 19044 host is held to 10.0.19044.4170', () => {
    const open = matchHost(index(), windowsHost('w10', 19044, 4169));
    expect(find(open, 'CVE-2024-26169')).toMatchObject({ fixKb: 'KB5035845', fixedBuild: '10.0.19044.4170' });
  });

  it('a Windows 11 host reporting "Windows 10 Pro" is matched as Windows 11 22H2', () => {
    const host = windowsHost('w11', 22621, 3155, { productName: 'Windows 10 Pro', displayVersion: '22H2' });
    expect(find(matchHost(index(), host), 'CVE-2024-26169')).toMatchObject({
      productName: 'Windows 11 Version 22H2 for x64-based Systems',
      fixedBuild: '10.0.22621.3296',
    });
  });

  it('Server 2022: hotpatch .2333 fixes only enrolled hosts; others need .2340', () => {
    const server = (hotpatch: boolean) =>
      find(
        matchHost(index(), windowsHost('s', 20348, 2333, { installationType: 'Server', hotpatch }), {
          includeFixed: true,
        }),
        'CVE-2024-26169',
      );
    expect(server(false)).toMatchObject({
      status: 'vulnerable',
      fixKb: 'KB5035857',
      fixedBuild: '10.0.20348.2340',
    });
    expect(server(true)).toMatchObject({
      status: 'fixed',
      fixKb: 'KB5035959',
      fixedBuild: '10.0.20348.2333',
    });
  });

  it('CVE-2024-26198: Exchange 2019 CU14 compared with the zero-padded 15.02.1544.009', () => {
    const exchange = (version: string): HostFacts => ({
      hostId: 'ex',
      hotfixes: [],
      programs: [],
      exchange: { version },
    });
    expect(find(matchHost(index(), exchange('15.2.1544.4')), 'CVE-2024-26198')).toMatchObject({
      status: 'vulnerable',
      fixedBuild: '15.02.1544.009',
      productName: 'Microsoft Exchange Server 2019 Cumulative Update 14',
    });
    expect(find(matchHost(index(), exchange('15.2.1544.9')), 'CVE-2024-26198')).toBeUndefined();
  });
});

describe.skipIf(!present)(`conformance on the 2023-May CVRF ${NEEDS}`, () => {
  const index = () => buildMatchIndex([load('cvrfDocument-2023-May.xml')]);

  it('MSRC gave Windows 11 22H2 the FixedBuild 10.0.22000.1702: a 22621 host stays unknown, never fixed', () => {
    const verdict = find(
      matchHost(index(), windowsHost('w11', 22621, 9999), { includeFixed: true }),
      'CVE-2023-24932',
    );
    expect(verdict).toMatchObject({ status: 'unknown' });
    expect(verdict?.reason).toContain('10.0.22000.1702');
  });

  it('Server 2008 R2: Monthly Rollup or Security Only; Known Issue rows are not fixes', () => {
    const server = (ubr: number | undefined, hotfixes: string[]) =>
      find(
        matchHost(index(), windowsHost('e', 7601, ubr, { installationType: 'Server', hotfixes }), {
          includeFixed: true,
        }),
        'CVE-2023-24932',
      );
    expect(server(26518, [])).toMatchObject({ status: 'vulnerable', fixedBuild: '6.1.7601.26519' });
    expect(server(26519, [])).toMatchObject({ status: 'fixed' });
    expect(server(undefined, ['KB5026426'])).toMatchObject({
      status: 'fixed',
      rule: 'kb-fallback',
      fixKb: 'KB5026426',
    });
    expect(server(undefined, ['KB5026413'])).toMatchObject({
      status: 'fixed',
      rule: 'kb-fallback',
      fixKb: 'KB5026413',
    });
    expect(server(undefined, [])).toMatchObject({ status: 'unknown' });
  });

  it('Office: MSI Word 2016 by file version; Click-to-Run without a table is unknown', () => {
    const office = (office: HostFacts['office']): HostFacts => ({
      hostId: 'o',
      hotfixes: [],
      programs: [],
      office,
    });
    expect(
      find(matchHost(index(), office({ msiFiles: { word: '16.0.5394.1000' } })), 'CVE-2023-29335'),
    ).toMatchObject({
      status: 'vulnerable',
      fixKb: 'KB5002369',
      fixedBuild: '16.0.5395.1000',
    });
    const c2r = find(
      matchHost(
        index(),
        office({ clickToRun: { version: '16.0.16327.20248', channel: 'Current', platform: 'x64' } }),
      ),
      'CVE-2023-29335',
    );
    expect(c2r).toMatchObject({ status: 'unknown', rule: 'office-c2r-channel' });
  });

  it('Office Click-to-Run with a build table: judged by channel and build, unknown off the table', () => {
    // A table written for this test: the Current channel's May 2023 builds around Patch Tuesday.
    const table = parseC2rTable(
      [
        'channel,version,build,releasedAt',
        'Current,2304,16327.20214,2023-04-25',
        'Current,2304,16327.20248,2023-05-09',
      ].join('\n'),
    );
    const withTable = buildMatchIndex([load('cvrfDocument-2023-May.xml')], { c2rTable: table });
    const c2r = (version: string, channel: string) =>
      find(
        matchHost(
          withTable,
          {
            hostId: 'o',
            hotfixes: [],
            programs: [],
            office: { clickToRun: { version, channel, platform: 'x64' } },
          },
          { includeFixed: true },
        ),
        'CVE-2023-29335',
      );
    expect(c2r('16.0.16327.20214', 'Current')).toMatchObject({
      status: 'vulnerable',
      fixedBuild: '16.0.16327.20248',
      rule: 'office-c2r-channel',
    });
    expect(c2r('16.0.16327.20248', 'Current')).toMatchObject({ status: 'fixed' });
    expect(c2r('16.0.16227.20280', 'MonthlyEnterprise')).toMatchObject({ status: 'unknown' });
  });
});

describe.skipIf(!present)(`conformance on seven months (2023-May, 2024-Jan…Jun) ${NEEDS}`, () => {
  const feeds = () => FILES.map(load);

  it('follows KB supersedence across months: the June LCU proves the March fix (low confidence)', () => {
    const index = buildMatchIndex(feeds());
    expect([...index.acceptedKbs('KB5035845')]).toContain('KB5039211');
    const host = windowsHost('n', 19045, undefined, { hotfixes: ['KB5039211'] });
    expect(find(matchHost(index, host, { includeFixed: true }), 'CVE-2024-26169')).toMatchObject({
      status: 'fixed',
      rule: 'kb-fallback',
      confidence: 'low',
    });
  });

  it('the indexed verdicts equal a naive every-row comparison for a spread of hosts', () => {
    const all = feeds();
    const index = buildMatchIndex(all);
    const hosts: HostFacts[] = [];
    for (const [build, type] of [
      [19044, 'Client'],
      [19045, 'Client'],
      [22621, 'Client'],
      [22631, 'Client'],
      [14393, 'Server'],
      [17763, 'Server Core'],
      [20348, 'Server'],
    ] as const) {
      for (const ubr of [0, 3000, 3930, 4046, 4170, 4291, 5000, 99_999]) {
        hosts.push(windowsHost(`${build}.${ubr}`, build, ubr, { installationType: type }));
      }
    }
    // Naive: newest document per CVE, every vendor-fix row of the host's product on its base build.
    const newest = new Map<string, { feed: ParsedFeed; at: number }>();
    for (const feed of all) {
      for (const v of feed.vulnerabilities) {
        const at = feed.releasedAt?.getTime() ?? 0;
        if ((newest.get(v.cve)?.at ?? -1) <= at) newest.set(v.cve, { feed, at });
      }
    }
    for (const host of hosts) {
      const os = host.os as NonNullable<HostFacts['os']>;
      const name = normalizeProductName((windowsProductName(os) as { name: string }).name);
      const expected: string[] = [];
      for (const [cve, { feed }] of newest) {
        const v = feed.vulnerabilities.find((x) => x.cve === cve);
        const ubrs: number[] = [];
        for (const r of v?.remediations ?? []) {
          if (
            r.kind !== 'vendor_fix' ||
            r.line === 'hotpatch' ||
            !['security_update', 'monthly_rollup', 'security_only'].includes(r.line)
          )
            continue;
          const build = parseWindowsBuild(r.fixedBuild ?? '');
          const names = r.productIds.map((id) =>
            normalizeProductName(feed.products.find((p) => p.id === id)?.name ?? ''),
          );
          if (build?.build === os.build && names.includes(name)) ubrs.push(build.ubr);
        }
        if (ubrs.length > 0 && (os.ubr ?? 0) < Math.min(...ubrs)) expected.push(cve);
      }
      const actual = matchHosts(index, [host])
        .filter((v) => v.status === 'vulnerable')
        .map((v) => v.cve);
      expect(actual.sort(), host.hostId).toEqual(expected.sort());
    }
    // The fixture half-year gives real work: a 22H2 host at .3930 (Feb 2024 baseline) has open CVEs.
    expect(matchHost(index, windowsHost('x', 19045, 3930)).length).toBeGreaterThan(100);
  });
});
