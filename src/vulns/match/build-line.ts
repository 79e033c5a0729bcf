/**
 * The build rule shared by Windows and Exchange (VULNS.md §0, §4.1–§4.3): on the host's base build, a CVE
 * is fixed when the host's revision (UBR) is at or above the lowest fixed revision of that base; the open
 * CVEs are the suffix of the sorted line above the host's UBR. CVEs of the product without a usable fixed
 * build on that base fall back to KB membership, else stay 'unknown' (never dropped, never "safe").
 */
import type { MatchVerdict } from '../model';
import type { BuildEntry, FixRow, MatchIndex, ProductCve, ProductIndex } from './index';

export type MatchOptions = {
  /** Also emit 'fixed' verdicts (default false: a host's findings are its open and unknown CVEs, §5). */
  includeFixed?: boolean;
};

export type HostContext = {
  hostId: string;
  hotfixes: ReadonlySet<string>;
  includeFixed: boolean;
};

type Decision = Pick<MatchVerdict, 'status' | 'rule' | 'confidence' | 'reason'> & { row?: FixRow };

/** One place builds verdicts, so every verdict has the same shape (and V8 one hidden class). */
export function makeVerdict(
  host: HostContext,
  cve: ProductCve,
  observed: string | undefined,
  decision: Decision,
): MatchVerdict {
  const row = decision.row;
  return {
    hostId: host.hostId,
    cve: cve.cve,
    status: decision.status,
    productId: row?.productId ?? cve.productId,
    productName: row?.productName ?? cve.productName,
    fixKb: row?.kb,
    fixedBuild: row?.fixedBuild,
    observed,
    rule: decision.rule,
    confidence: decision.confidence,
    reason: decision.reason,
  };
}

/** First index whose threshold is above `value`: entries before it are fixed, from it on open. */
export function upperBound(entries: readonly BuildEntry[], value: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] as BuildEntry).threshold <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * KB membership as a last resort (VULNS.md §4.4): a fix KB on the host, or any KB that supersedes it
 * across the loaded months. Proves "fixed" only; a missing KB proves nothing (Wazuh's FP source, §1.1).
 */
export function kbFallback(
  index: MatchIndex,
  cve: ProductCve,
  host: HostContext,
  hotpatch: boolean,
): Decision | undefined {
  if (host.hotfixes.size === 0) return undefined;
  let indirect: FixRow | undefined;
  for (const row of cve.rows) {
    if (row.kb === undefined || (row.line === 'hotpatch' && !hotpatch)) continue;
    if (host.hotfixes.has(row.kb)) {
      return {
        status: 'fixed',
        rule: 'kb-fallback',
        confidence: 'medium',
        row,
        reason: `${row.kb} is installed`,
      };
    }
    if (indirect === undefined)
      for (const kb of index.acceptedKbs(row.kb)) if (host.hotfixes.has(kb)) indirect = row;
  }
  if (indirect === undefined) return undefined;
  return {
    status: 'fixed',
    rule: 'kb-fallback',
    confidence: 'low',
    row: indirect,
    reason: `a KB superseding ${indirect.kb} is installed`,
  };
}

/** Pushes a KB-fallback 'fixed' verdict, or 'unknown' with the reason the build rule could not decide. */
export function decideWithoutBuild(
  index: MatchIndex,
  cve: ProductCve,
  host: HostContext,
  context: { hotpatch: boolean; observed?: string; rule: string; reason: string },
  out: MatchVerdict[],
): void {
  const fallback = kbFallback(index, cve, host, context.hotpatch);
  if (fallback !== undefined) {
    if (host.includeFixed) out.push(makeVerdict(host, cve, context.observed, fallback));
    return;
  }
  out.push(
    makeVerdict(host, cve, context.observed, {
      status: 'unknown',
      rule: context.rule,
      confidence: 'low',
      reason: context.reason,
    }),
  );
}

type Undecided = { cve: ProductCve; reason: string };

function whyNoBuild(cve: ProductCve, base: number, hotpatch: boolean, noun: string): string {
  const fixes = cve.rows.filter((row) => row.line !== 'hotpatch' || hotpatch);
  if (cve.rows.length === 0) return 'affected, but the advisory publishes no fix for this product';
  if (fixes.length === 0)
    return 'only a hotpatch fix is published and the host is not enrolled in hotpatching';
  const builds = fixes.map((row) => row.fixedBuild ?? '(none)');
  return `no fixed build for ${noun} ${base} in the advisory (fixed builds given: ${[...new Set(builds)].join(', ')})`;
}

/** CVEs of the product with no usable fixed build on this base, cached per (base, hotpatch). */
function undecided(product: ProductIndex, base: number, hotpatch: boolean, noun: string): Undecided[] {
  const key = `undecided|${base}|${hotpatch}`;
  const cached = product.memo.get(key) as Undecided[] | undefined;
  if (cached !== undefined) return cached;
  const line = product.byBase.get(base);
  const covered = new Set((hotpatch ? line?.hotpatch : line?.regular)?.map((entry) => entry.product.cve));
  const list: Undecided[] = [];
  for (const cve of product.cves.values()) {
    if (!covered.has(cve.cve)) list.push({ cve, reason: whyNoBuild(cve, base, hotpatch, noun) });
  }
  product.memo.set(key, list);
  return list;
}

export type BuildTarget = {
  product: ProductIndex;
  base: number;
  revision: number | undefined;
  hotpatch: boolean;
  observed: string;
  rule: string;
  /** "base build" (Windows) or "cumulative update build" (Exchange), for reasons shown to users. */
  noun: string;
  missingRevisionReason: string;
};

export function matchBuildLine(
  index: MatchIndex,
  host: HostContext,
  target: BuildTarget,
  out: MatchVerdict[],
): void {
  const { product, base, revision, hotpatch, observed, rule } = target;
  const line = product.byBase.get(base);
  const entries = (hotpatch ? line?.hotpatch : line?.regular) ?? [];
  if (revision === undefined) {
    for (const entry of entries) {
      decideWithoutBuild(
        index,
        entry.product,
        host,
        { hotpatch, observed, rule, reason: target.missingRevisionReason },
        out,
      );
    }
  } else {
    const first = upperBound(entries, revision);
    if (host.includeFixed) {
      for (let at = 0; at < first; at++) {
        const entry = entries[at] as BuildEntry;
        out.push(
          makeVerdict(host, entry.product, observed, {
            status: 'fixed',
            rule,
            confidence: 'high',
            row: entry.row,
          }),
        );
      }
    }
    for (let at = first; at < entries.length; at++) {
      const entry = entries[at] as BuildEntry;
      out.push(
        makeVerdict(host, entry.product, observed, {
          status: 'vulnerable',
          rule,
          confidence: 'high',
          row: entry.row,
        }),
      );
    }
  }
  for (const { cve, reason } of undecided(product, base, hotpatch, target.noun)) {
    decideWithoutBuild(index, cve, host, { hotpatch, observed, rule, reason }, out);
  }
}
