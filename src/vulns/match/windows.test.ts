import { describe, expect, it } from 'vitest';
import { buildMatchIndex } from './index';
import { matchHost } from './match';
import { cvrf, fix, knownIssue, PRODUCTS as P, vuln, windowsHost } from './test-support';
import { windowsProductName } from './windows';

const ALL = { includeFixed: true };

describe('windowsProductName (VULNS.md §4.2)', () => {
  it.each([
    [{ build: 19045, architecture: 'x64' }, 'Windows 10 Version 22H2 for x64-based Systems'],
    [{ build: 19044, architecture: 'x86' }, 'Windows 10 Version 21H2 for 32-bit Systems'],
    [{ build: 19042, architecture: 'ARM64' }, 'Windows 10 Version 20H2 for ARM64-based Systems'],
    [{ build: 19041, architecture: 'x64' }, 'Windows 10 Version 2004 for x64-based Systems'],
    [{ build: 19043, architecture: 'x64' }, 'Windows 10 Version 21H1 for x64-based Systems'],
    // Windows 11 keeps "Windows 10" in ProductName: the build decides.
    [
      { build: 22621, productName: 'Windows 10 Pro', architecture: 'x64' },
      'Windows 11 Version 22H2 for x64-based Systems',
    ],
    [{ build: 22000, productName: 'Windows 10 Enterprise' }, 'Windows 11 Version 21H2 for x64-based Systems'],
    [{ build: 22631, architecture: 'arm64' }, 'Windows 11 Version 23H2 for ARM64-based Systems'],
    [{ build: 26100, installationType: 'Client' }, 'Windows 11 Version 24H2 for x64-based Systems'],
    [{ build: 26100, installationType: 'Server' }, 'Windows Server 2025'],
    [{ build: 14393, installationType: 'Server' }, 'Windows Server 2016'],
    [{ build: 14393, installationType: 'Client' }, 'Windows 10 Version 1607 for x64-based Systems'],
    [{ build: 17763, installationType: 'Server Core' }, 'Windows Server 2019 (Server Core installation)'],
    [{ build: 20348, installationType: 'Server' }, 'Windows Server 2022'],
    [{ build: 20348, installationType: 'Server Core' }, 'Windows Server 2022 (Server Core installation)'],
    [{ build: 9600, installationType: 'Server' }, 'Windows Server 2012 R2'],
    [{ build: 9600, installationType: 'Client' }, 'Windows 8.1 for x64-based Systems'],
    [{ build: 9200, productName: 'Windows Server 2012 Standard' }, 'Windows Server 2012'],
    [
      { build: 7601, installationType: 'Server' },
      'Windows Server 2008 R2 for x64-based Systems Service Pack 1',
    ],
    [
      { build: 7601, installationType: 'Client', architecture: 'x86' },
      'Windows 7 for 32-bit Systems Service Pack 1',
    ],
  ])('%j → %s', (os, name) => {
    expect(windowsProductName(os)).toEqual({ name });
  });

  it('explains what it cannot name', () => {
    expect(windowsProductName({ build: 20348, installationType: 'Client' })).toHaveProperty('reason');
    expect(windowsProductName({ build: 12345 })).toHaveProperty('reason');
    expect(windowsProductName({ build: 19045, architecture: 'mips' })).toHaveProperty('reason');
  });
});

// CVE-2023-24880 as 2023-Mar wrote it: KB5023696, one FixedBuild per base build (VULNS.md §2.1, §4.2).
const smartScreen = vuln('CVE-2023-24880', [
  fix([P.win10_20h2_x64], '5023696', '10.0.19042.2728', { supersedes: ['KB5022834'] }),
  fix([P.win10_21h2_x64], '5023696', '10.0.19044.2728', { supersedes: ['KB5022834'] }),
  fix([P.win10_22h2_x64], '5023696', '10.0.19045.2728', { supersedes: ['KB5022834'] }),
  fix([P.win11_22h2_x64], '5023706', '10.0.22621.1413'),
  fix([P.server2022, P.server2022_core], '5023705', '10.0.20348.1607'),
  fix([P.server2022, P.server2022_core], '5023786', '10.0.20348.1600', { line: 'hotpatch' }),
]);
const march = cvrf('2023-Mar', '2023-03-30T07:00:00Z', [smartScreen]);

describe('Windows build rule', () => {
  it('a 22H2 host below the FixedBuild is vulnerable, at it fixed', () => {
    const index = buildMatchIndex([march]);
    const [open] = matchHost(index, windowsHost('h1', 19045, 2673));
    expect(open).toMatchObject({
      hostId: 'h1',
      cve: 'CVE-2023-24880',
      status: 'vulnerable',
      rule: 'windows-build',
      confidence: 'high',
      fixKb: 'KB5023696',
      fixedBuild: '10.0.19045.2728',
      observed: '10.0.19045.2673',
      productName: 'Windows 10 Version 22H2 for x64-based Systems',
      productId: '12097',
    });
    expect(matchHost(index, windowsHost('h1', 19045, 2728))).toEqual([]);
    expect(matchHost(index, windowsHost('h1', 19045, 2728), ALL)).toMatchObject([{ status: 'fixed' }]);
  });

  it('judges only the host base build (same KB, three FixedBuilds)', () => {
    // Only the 19045 build is given for 21H2 here: a 19044 host is not judged by it, whatever its UBR.
    const wrongBase = vuln('CVE-2023-24880', [
      fix([P.win10_21h2_x64, P.win10_22h2_x64], '5023696', '10.0.19045.2728'),
    ]);
    const index = buildMatchIndex([cvrf('2023-Mar', '2023-03-30T07:00:00Z', [wrongBase])]);
    for (const ubr of [1000, 2728, 9999]) {
      const [verdict] = matchHost(index, windowsHost('h', 19044, ubr), ALL);
      expect(verdict).toMatchObject({
        status: 'unknown',
        productName: 'Windows 10 Version 21H2 for x64-based Systems',
      });
      expect(verdict?.reason).toContain('19044');
    }
    // With its own row, 19044 is compared against 19044.2728.
    const index2 = buildMatchIndex([march]);
    expect(matchHost(index2, windowsHost('h', 19044, 2727))[0]).toMatchObject({
      status: 'vulnerable',
      fixedBuild: '10.0.19044.2728',
    });
  });

  it('maps a Windows 11 host that reports "Windows 10 Pro" to Windows 11 22H2', () => {
    const index = buildMatchIndex([march]);
    const host = windowsHost('w11', 22621, 1344, { productName: 'Windows 10 Pro', displayVersion: '22H2' });
    expect(matchHost(index, host)).toMatchObject([
      {
        status: 'vulnerable',
        productName: 'Windows 11 Version 22H2 for x64-based Systems',
        fixedBuild: '10.0.22621.1413',
      },
    ]);
  });

  it('counts the hotpatch line only for enrolled hosts (Server 2022 .1600 vs .1607)', () => {
    const index = buildMatchIndex([march]);
    const regular = windowsHost('s1', 20348, 1600, { installationType: 'Server' });
    const enrolled = windowsHost('s2', 20348, 1600, { installationType: 'Server', hotpatch: true });
    expect(matchHost(index, regular)).toMatchObject([
      { status: 'vulnerable', fixKb: 'KB5023705', fixedBuild: '10.0.20348.1607' },
    ]);
    expect(matchHost(index, enrolled, ALL)).toMatchObject([{ status: 'fixed', fixKb: 'KB5023786' }]);
    const core = windowsHost('s3', 20348, 1599, { installationType: 'Server Core', hotpatch: true });
    expect(matchHost(index, core)).toMatchObject([
      {
        status: 'vulnerable',
        fixKb: 'KB5023786',
        productName: 'Windows Server 2022 (Server Core installation)',
      },
    ]);
  });

  it('a hotpatch-only fix leaves a non-enrolled host unknown', () => {
    const only = vuln('CVE-2024-0001', [
      fix([P.server2022], '5035959', '10.0.20348.2333', { line: 'hotpatch' }),
    ]);
    const index = buildMatchIndex([cvrf('2024-Mar', '2024-03-27T07:00:00Z', [only])]);
    const [verdict] = matchHost(index, windowsHost('s', 20348, 9999, { installationType: 'Server' }));
    expect(verdict).toMatchObject({ status: 'unknown' });
    expect(verdict?.reason).toContain('hotpatch');
  });

  it('Monthly Rollup or Security Only each count as a fix (VULNS.md §4.3)', () => {
    const esu = vuln('CVE-2023-24932', [
      fix([P.server2008r2], '5026413', '6.1.7601.26519', { line: 'monthly_rollup' }),
      knownIssue([P.server2008r2], '5026413'),
      fix([P.server2008r2], '5026426', '6.1.7601.26510', { line: 'security_only' }),
      knownIssue([P.server2008r2], '5026426'),
    ]);
    const index = buildMatchIndex([cvrf('2023-May', '2023-05-31T07:00:00Z', [esu])]);
    const server = (ubr: number | undefined, hotfixes: string[] = []) =>
      matchHost(index, windowsHost('e', 7601, ubr, { installationType: 'Server', hotfixes }), ALL);
    // The lower of the two alternative builds decides.
    expect(server(26510)).toMatchObject([{ status: 'fixed', fixKb: 'KB5026426' }]);
    expect(server(26509)).toMatchObject([{ status: 'vulnerable', fixKb: 'KB5026426' }]);
    // Without a UBR, either KB proves the fix (medium confidence).
    expect(server(undefined, ['KB5026426'])).toMatchObject([
      { status: 'fixed', rule: 'kb-fallback', confidence: 'medium' },
    ]);
    expect(server(undefined, ['5026413'])).toMatchObject([
      { status: 'fixed', rule: 'kb-fallback', fixKb: 'KB5026413' },
    ]);
  });

  it('a Known Issue row is never a fix', () => {
    const onlyKnownIssue = vuln('CVE-2024-0002', [knownIssue([P.win10_22h2_x64], '5035845')]);
    const index = buildMatchIndex([cvrf('2024-Mar', '2024-03-27T07:00:00Z', [onlyKnownIssue])]);
    const host = windowsHost('k', 19045, 4170, { hotfixes: ['KB5035845'] });
    const [verdict] = matchHost(index, host, ALL);
    expect(verdict).toMatchObject({ status: 'unknown', cve: 'CVE-2024-0002' });
    expect(verdict?.reason).toContain('no fix');
    // Listed before the vendor fix with the same KB, it does not shadow it in deduplication.
    const both = vuln('CVE-2024-0003', [
      knownIssue([P.win10_22h2_x64], '5035845'),
      fix([P.win10_22h2_x64], '5035845', '10.0.19045.4170'),
    ]);
    const index2 = buildMatchIndex([cvrf('2024-Mar', '2024-03-27T07:00:00Z', [both])]);
    expect(matchHost(index2, windowsHost('k', 19045, 4169))).toMatchObject([{ status: 'vulnerable' }]);
  });

  it.each(['https://aka.ms/OfficeSecurityReleases', '124.0.6367.xxx', '17.9.6', 'OMS Agent for Linux GA v1'])(
    'never compares a FixedBuild that is not N.N.N.N: %s',
    (fixedBuild) => {
      const odd = vuln('CVE-2024-0004', [fix([P.win10_22h2_x64], '5035845', fixedBuild)]);
      const index = buildMatchIndex([cvrf('2024-Apr', '2024-04-26T07:00:00Z', [odd])]);
      for (const ubr of [0, 99999]) {
        const [verdict] = matchHost(index, windowsHost('u', 19045, ubr), ALL);
        expect(verdict).toMatchObject({ status: 'unknown', rule: 'windows-build' });
        expect(verdict?.reason).toContain(fixedBuild);
      }
    },
  );

  it('no UBR → unknown with a reason, unless a fix KB or a superseding KB is installed', () => {
    const april = cvrf('2023-Apr', '2023-04-11T07:00:00Z', [
      vuln('CVE-2023-9999', [
        fix([P.win10_22h2_x64], '5025221', '10.0.19045.2846', { supersedes: ['KB5023696'] }),
      ]),
    ]);
    const index = buildMatchIndex([march, april]);
    const [unknown] = matchHost(index, windowsHost('n', 19045, undefined));
    expect(unknown).toMatchObject({ status: 'unknown', observed: '10.0.19045.?' });
    expect(unknown?.reason).toContain('UBR');
    const byKb = matchHost(index, windowsHost('n', 19045, undefined, { hotfixes: ['KB5023696'] }), ALL);
    expect(byKb.find((v) => v.cve === 'CVE-2023-24880')).toMatchObject({
      status: 'fixed',
      confidence: 'medium',
    });
    const bySuccessor = matchHost(
      index,
      windowsHost('n', 19045, undefined, { hotfixes: ['KB5025221'] }),
      ALL,
    );
    expect(bySuccessor.find((v) => v.cve === 'CVE-2023-24880')).toMatchObject({
      status: 'fixed',
      rule: 'kb-fallback',
      confidence: 'low',
      fixKb: 'KB5023696',
    });
    // KBs are evidence only: with a UBR the build decides, whatever the KB list says.
    const withUbr = matchHost(index, windowsHost('n', 19045, 2673, { hotfixes: ['KB5023696'] }));
    expect(withUbr.find((v) => v.cve === 'CVE-2023-24880')).toMatchObject({ status: 'vulnerable' });
  });

  it('a product not in the advisory gives no verdict; affected without fix gives unknown', () => {
    const index = buildMatchIndex([march]);
    expect(matchHost(index, windowsHost('x', 22631, 100))).toEqual([]);
    expect(matchHost(index, windowsHost('x', 17763, 100, { installationType: 'Server' }))).toEqual([]);
    expect(matchHost(index, { hostId: 'no-os', hotfixes: [], programs: [] })).toEqual([]);
    const noFix = vuln('CVE-2024-0005', [], {
      affected: [{ productId: P.win11_22h2_x64.id, ranges: [], status: 'affected' }],
    });
    const index2 = buildMatchIndex([cvrf('2024-Jun', '2024-06-11T07:00:00Z', [noFix])]);
    expect(matchHost(index2, windowsHost('x', 22621, 100))).toMatchObject([
      { status: 'unknown', confidence: 'low' },
    ]);
  });

  it('the newest document wins per CVE, whatever the input order', () => {
    const revised = cvrf('2023-Mar', '2023-04-05T07:00:00Z', [
      vuln('CVE-2023-24880', [fix([P.win10_22h2_x64], '5023696', '10.0.19045.2730')]),
    ]);
    for (const feeds of [
      [march, revised],
      [revised, march],
    ]) {
      const index = buildMatchIndex(feeds);
      expect(matchHost(index, windowsHost('r', 19045, 2729))).toMatchObject([
        { fixedBuild: '10.0.19045.2730' },
      ]);
      expect(index.stats.cves).toBe(1);
    }
  });

  it('deduplicates repeated rows: one verdict per host, CVE and product', () => {
    const repeated = vuln('CVE-2023-24880', [
      fix([P.win10_22h2_x64], '5023696', '10.0.19045.2728'),
      fix([P.win10_22h2_x64], '5023696', '10.0.19045.2728'),
      knownIssue([P.win10_22h2_x64], '5023696'),
    ]);
    const index = buildMatchIndex([cvrf('2023-Mar', '2023-03-30T07:00:00Z', [repeated])]);
    expect(index.stats.rows).toBe(1);
    expect(matchHost(index, windowsHost('d', 19045, 1))).toHaveLength(1);
  });
});
