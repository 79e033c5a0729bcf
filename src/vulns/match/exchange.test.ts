import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../model';
import { buildMatchIndex } from './index';
import { matchHost } from './match';
import { cvrf, fix, knownIssue, PRODUCTS as P, vuln } from './test-support';

const CU15 = { id: '99015', name: 'Microsoft Exchange Server 2019 Cumulative Update 15' };

// CVE-2024-26198 as 2024-Mar writes it (zero-padded FixedBuilds, a Known Issue per KB), plus a CU15 row
// written the way NVD wrote Exchange SE (VULNS.md §4.6, wazuh#36200).
const feed = {
  ...cvrf('2024-Mar', '2024-03-27T07:00:00Z', [
    vuln('CVE-2024-26198', [
      fix([P.exchange2019_cu14], '5036401', '15.02.1544.009'),
      knownIssue([P.exchange2019_cu14], '5036401'),
      fix([P.exchange2019_cu13], '5036402', '15.02.1258.032'),
      fix([P.exchange2016_cu23], '5036386', '15.01.2507.037'),
      fix([CU15], '5099999', '15.02.2562.037'),
    ]),
  ]),
};
feed.products = [...feed.products, CU15];
const index = buildMatchIndex([feed]);

const exchangeHost = (version: string, hotfixes: string[] = []): HostFacts => ({
  hostId: 'ex',
  hotfixes,
  programs: [],
  exchange: { version },
});

describe('Exchange version rule', () => {
  it.each([
    ['15.2.1544.4', 'vulnerable', '15.02.1544.009'],
    ['15.2.1544.9', 'fixed', '15.02.1544.009'],
    ['15.02.1544.009', 'fixed', '15.02.1544.009'],
    ['15.2.1258.27', 'vulnerable', '15.02.1258.032'],
    ['15.2.1258.32', 'fixed', '15.02.1258.032'],
    ['15.1.2507.35', 'vulnerable', '15.01.2507.037'],
    ['15.1.2507.37', 'fixed', '15.01.2507.037'],
    // zero padding: 15.02.2562.037 is 15.2.2562.37, so .27 is below it and .37 equal
    ['15.2.2562.27', 'vulnerable', '15.02.2562.037'],
    ['15.2.2562.37', 'fixed', '15.02.2562.037'],
  ])('%s → %s against %s', (version, status, fixedBuild) => {
    expect(matchHost(index, exchangeHost(version), { includeFixed: true })).toMatchObject([
      { status, fixedBuild, rule: 'exchange-version', confidence: 'high', observed: version },
    ]);
  });

  it('names the CU product of the fixing row', () => {
    expect(matchHost(index, exchangeHost('15.1.2507.1'))[0]?.productName).toBe(
      'Microsoft Exchange Server 2016 Cumulative Update 23',
    );
  });

  it('a CU the advisory does not list is unknown (out of support is not safe)', () => {
    const [verdict] = matchHost(index, exchangeHost('15.2.1118.40'));
    expect(verdict).toMatchObject({ status: 'unknown', rule: 'exchange-version' });
    expect(verdict?.reason).toContain('1118');
  });

  it('a version without build or revision is unknown unless the SU KB is installed', () => {
    expect(matchHost(index, exchangeHost('15.2'))).toMatchObject([{ status: 'unknown' }]);
    expect(matchHost(index, exchangeHost('15.2.1544'))).toMatchObject([{ status: 'unknown' }]);
    expect(matchHost(index, exchangeHost('15.2.1544', ['KB5036401']), { includeFixed: true })).toMatchObject([
      { status: 'fixed', rule: 'kb-fallback' },
    ]);
  });

  it('Exchange 2013 or garbage versions give no verdict', () => {
    expect(matchHost(index, exchangeHost('15.0.1497.2'))).toEqual([]);
    expect(matchHost(index, exchangeHost('Version 15.2 (Build 1544.4)'))).toEqual([]);
  });
});
