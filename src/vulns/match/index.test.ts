import { describe, expect, it } from 'vitest';
import { upperBound } from './build-line';
import { type BuildEntry, buildMatchIndex } from './index';
import { matchHost, matchHosts } from './match';
import { cvrf, fix, kevFeed, PRODUCTS as P, vuln, windowsHost } from './test-support';

describe('buildMatchIndex', () => {
  it('keeps exploitation per CVE from KEV and MSRC for the caller', () => {
    const index = buildMatchIndex([
      cvrf('2023-Mar', '2023-03-30T07:00:00Z', [
        vuln('CVE-2023-24880', [fix([P.win10_22h2_x64], '5023696', '10.0.19045.2728')], { exploited: true }),
        vuln('CVE-2023-0001', [fix([P.win10_22h2_x64], '5023696', '10.0.19045.2728')], { exploited: false }),
      ]),
      kevFeed([{ cve: 'CVE-2023-24880', dueDate: '2023-04-04' }]),
    ]);
    expect(index.exploited('CVE-2023-24880')).toMatchObject({ msrc: true, kev: { dueDate: '2023-04-04' } });
    expect(index.exploited('CVE-2023-0001')).toEqual({ kev: undefined, msrc: false });
    expect(index.exploited('CVE-1999-0001')).toBeUndefined();
    expect(index.vulnerability('CVE-2023-24880')?.cve).toBe('CVE-2023-24880');
    expect(index.vulnerability('CVE-1999-0001')).toBeUndefined();
  });

  it('follows supersedence transitively across documents, including older losing revisions', () => {
    const jan = cvrf('2024-Jan', '2024-01-09T07:00:00Z', [
      vuln('CVE-A', [fix([P.win10_22h2_x64], '2', '10.0.19045.2', { supersedes: ['KB1'] })]),
    ]);
    const feb = cvrf('2024-Feb', '2024-02-13T07:00:00Z', [
      vuln('CVE-B', [fix([P.win10_22h2_x64], '3', '10.0.19045.3', { supersedes: ['KB2'] })]),
    ]);
    const mar = cvrf('2024-Mar', '2024-03-12T07:00:00Z', [
      vuln('CVE-C', [fix([P.win10_22h2_x64], '4', '10.0.19045.4', { supersedes: ['KB3'] })]),
      // a cycle in bad data must not loop
      vuln('CVE-D', [fix([P.win10_22h2_x64], '3', '10.0.19045.3', { supersedes: ['KB4'] })]),
    ]);
    const index = buildMatchIndex([mar, jan, feb]);
    expect([...index.acceptedKbs('KB1')].sort()).toEqual(['KB1', 'KB2', 'KB3', 'KB4']);
    expect([...index.acceptedKbs('KB4')].sort()).toEqual(['KB3', 'KB4']);
    expect(index.acceptedKbs('KB9')).toEqual(new Set(['KB9']));
  });

  it('ignores feeds that are neither MSRC nor KEV', () => {
    const index = buildMatchIndex([{ ...cvrf('x', '2024-01-01T00:00:00Z', []), source: 'nvd' }]);
    expect(index.stats).toEqual({ documents: 0, cves: 0, products: 0, rows: 0 });
  });
});

describe('indexed matching equals a naive comparison', () => {
  it('upperBound splits fixed from open at every UBR', () => {
    const entries = [1, 5, 5, 9].map((threshold) => ({ threshold }) as BuildEntry);
    expect([0, 1, 4, 5, 8, 9, 10].map((ubr) => upperBound(entries, ubr))).toEqual([0, 1, 1, 3, 3, 4, 4]);
    expect(upperBound([], 3)).toBe(0);
  });

  it('agrees with every-row comparison for random thresholds and UBRs', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const vulnerabilities = Array.from({ length: 300 }, (_, i) => {
      const rows = [fix([P.win10_22h2_x64], String(5_000_000 + i), `10.0.19045.${random(5000)}`)];
      if (random(3) === 0)
        rows.push(fix([P.win10_22h2_x64], String(6_000_000 + i), `10.0.19045.${random(5000)}`));
      if (random(4) === 0)
        rows.push(fix([P.win10_21h2_x64], String(7_000_000 + i), `10.0.19044.${random(5000)}`));
      return vuln(`CVE-2024-${10_000 + i}`, rows);
    });
    const index = buildMatchIndex([cvrf('2024-Mar', '2024-03-27T07:00:00Z', vulnerabilities)]);
    const hosts = Array.from({ length: 200 }, (_, i) => windowsHost(`h${i}`, 19045, random(5200)));
    const verdicts = matchHosts(index, hosts, { includeFixed: true });
    for (const host of hosts) {
      const ubr = host.os?.ubr ?? 0;
      const expected = vulnerabilities
        .flatMap((v) => {
          const builds = v.remediations
            .filter((r) => r.productIds.includes(P.win10_22h2_x64.id))
            .map((r) => Number(r.fixedBuild?.split('.')[3]));
          if (builds.length === 0) return [];
          return [`${v.cve}:${ubr >= Math.min(...builds) ? 'fixed' : 'vulnerable'}`];
        })
        .sort();
      const actual = verdicts
        .filter((v) => v.hostId === host.hostId)
        .map((v) => `${v.cve}:${v.status}`)
        .sort();
      expect(actual).toEqual(expected);
    }
    expect(matchHost(index, hosts[0] ?? windowsHost('x', 1, 1)).every((v) => v.status === 'vulnerable')).toBe(
      true,
    );
  });
});
