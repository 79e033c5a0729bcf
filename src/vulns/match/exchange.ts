/**
 * Exchange (VULNS.md §4.6): product by major.minor (15.1 = Exchange 2016, 15.2 = Exchange 2019 and SE),
 * the cumulative update is the base build (third part: 2019 CU14 = 1544), the security update the
 * revision. Compared numerically per component, so NVD's "15.02.2562.037" equals the host's "15.2.2562.37".
 * The version should come from ExSetup.exe's file version; installed-programs may lag an SU (unverified).
 */
import type { HostFacts, MatchVerdict } from '../model';
import { parseDotted } from '../versions';
import { decideWithoutBuild, type HostContext, matchBuildLine } from './build-line';
import type { MatchIndex } from './index';
import { exchangeKey } from './product-key';

export function matchExchange(
  index: MatchIndex,
  facts: HostFacts,
  host: HostContext,
  out: MatchVerdict[],
): void {
  const version = facts.exchange?.version;
  if (version === undefined) return;
  const parts = parseDotted(version);
  if (parts === undefined || parts.length < 2) return;
  const product = index.products.get(exchangeKey(`${parts[0]}.${parts[1]}`));
  if (product === undefined) return;
  const rule = 'exchange-version';
  const base = parts[2];
  if (base === undefined) {
    const reason = `the Exchange version "${version}" has no build number, so the cumulative update is unknown`;
    for (const cve of product.cves.values()) {
      decideWithoutBuild(index, cve, host, { hotpatch: false, observed: version, rule, reason }, out);
    }
    return;
  }
  matchBuildLine(
    index,
    host,
    {
      product,
      base,
      revision: parts[3],
      hotpatch: false,
      observed: version,
      rule,
      noun: 'cumulative update build',
      missingRevisionReason: `the Exchange version "${version}" has no revision, so the security update level is unknown`,
    },
    out,
  );
}
