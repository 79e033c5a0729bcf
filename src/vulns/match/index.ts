/**
 * The match index (VULNS.md §5): built once per feed set, then read by every host. Per product key it
 * holds the CVEs that affect the product and, for build-numbered products (Windows, Exchange), the fix
 * rows grouped by base build and sorted by the fixed revision (UBR), so a host's open CVEs are the suffix
 * above its UBR, found by binary search.
 */
import type { KevEntry, ParsedFeed, RemediationLine, Vulnerability } from '../model';
import { parseDotted } from '../versions';
import { type C2rBuild, DEFAULT_C2R_TABLE } from './c2r-builds';
import { identifyProduct, normalizeProductName, type ProductIdentity } from './product-key';

/** One vendor-fix row for one product, deduplicated by (CVE, product, KB, line) (VULNS.md §4.3). */
export type FixRow = {
  productId: string;
  productName: string;
  line: RemediationLine;
  kb?: string;
  /** Raw FixedBuild text; only N.N.N.N builds are ever compared. */
  fixedBuild?: string;
};

/** A CVE as it affects one product key. `rows` may be empty: affected, no fix published → 'unknown'. */
export type ProductCve = {
  cve: string;
  productId: string;
  productName: string;
  rows: FixRow[];
  /** First publication of the CVE (C2R: the table build must be released on or after it). */
  publishedAt?: Date;
};

/** The lowest fixed revision of one CVE on one base build, and the row that gives it. */
export type BuildEntry = { threshold: number; row: FixRow; product: ProductCve };

/** Sorted ascending by threshold. `hotpatch` also counts hotpatch rows (VULNS.md §4.3). */
export type BuildLine = { regular: BuildEntry[]; hotpatch: BuildEntry[] };

export type ProductIndex = {
  identity: ProductIdentity;
  cves: Map<string, ProductCve>;
  byBase: Map<number, BuildLine>;
  /** Lazily filled per-host-shape caches (base build, channel…); see build-line.ts and office.ts. */
  memo: Map<string, unknown>;
};

export type ExploitedInfo = { kev?: KevEntry; msrc?: boolean };

export type MatchIndex = {
  products: Map<string, ProductIndex>;
  c2rTable: readonly C2rBuild[];
  exploited(cve: string): ExploitedInfo | undefined;
  vulnerability(cve: string): Vulnerability | undefined;
  /** The KB and every KB that supersedes it, transitively across the loaded documents (VULNS.md §4.4). */
  acceptedKbs(kb: string): ReadonlySet<string>;
  stats: { documents: number; cves: number; products: number; rows: number };
};

export type BuildIndexOptions = { c2rTable?: readonly C2rBuild[] };

/** Lines whose FixedBuild is the OS/Exchange revision; IE Cumulative carries IE's file version. */
const BUILD_LINES = new Set<RemediationLine>([
  'security_update',
  'monthly_rollup',
  'security_only',
  'hotpatch',
]);

type Winner = { vulnerability: Vulnerability; names: Map<string, string>; releasedAt: number };

/**
 * Merges MSRC CVRF/CSAF documents (the newest document wins per CVE, by releasedAt) and KEV.
 * @example const index = buildMatchIndex([parseMsrcCvrf(xml, 'cvrfDocument-2024-Mar.xml')]);
 */
export function buildMatchIndex(feeds: readonly ParsedFeed[], options: BuildIndexOptions = {}): MatchIndex {
  const winners = new Map<string, Winner>();
  const kev = new Map<string, KevEntry>();
  const supersededBy = new Map<string, Set<string>>();
  let documents = 0;
  for (const feed of feeds) {
    if (feed.source === 'kev') for (const entry of feed.kev) kev.set(entry.cve, entry);
    if (feed.source !== 'msrc-cvrf' && feed.source !== 'msrc-csaf') continue;
    documents++;
    const releasedAt = feed.releasedAt?.getTime() ?? 0;
    const names = new Map(feed.products.map((product) => [product.id, product.name]));
    for (const vulnerability of feed.vulnerabilities) {
      collectSupersedence(vulnerability, supersededBy);
      const previous = winners.get(vulnerability.cve);
      // Later documents win; on a tie the later one in input order (a re-import of the same revision).
      if (previous === undefined || releasedAt >= previous.releasedAt) {
        winners.set(vulnerability.cve, { vulnerability, names, releasedAt });
      }
    }
  }
  const products = new Map<string, ProductIndex>();
  let rows = 0;
  for (const winner of winners.values()) rows += addVulnerability(products, winner);
  for (const product of products.values()) indexBuildLines(product);
  const c2rTable = [...(options.c2rTable ?? DEFAULT_C2R_TABLE)].sort((a, b) =>
    a.releasedAt < b.releasedAt ? -1 : a.releasedAt > b.releasedAt ? 1 : 0,
  );
  const accepted = new Map<string, ReadonlySet<string>>();
  return {
    products,
    c2rTable,
    exploited(cve) {
      const entry = kev.get(cve);
      const msrc = winners.get(cve)?.vulnerability.exploited;
      return entry === undefined && msrc === undefined ? undefined : { kev: entry, msrc };
    },
    vulnerability: (cve) => winners.get(cve)?.vulnerability,
    acceptedKbs(kb) {
      let set = accepted.get(kb);
      if (set === undefined) {
        set = closure(kb, supersededBy);
        accepted.set(kb, set);
      }
      return set;
    },
    stats: { documents, cves: winners.size, products: products.size, rows },
  };
}

function collectSupersedence(vulnerability: Vulnerability, supersededBy: Map<string, Set<string>>): void {
  for (const remediation of vulnerability.remediations) {
    if (remediation.kb === undefined || remediation.kind !== 'vendor_fix') continue;
    for (const old of remediation.supersedes ?? []) {
      if (old === remediation.kb) continue;
      let set = supersededBy.get(old);
      if (set === undefined) {
        set = new Set();
        supersededBy.set(old, set);
      }
      set.add(remediation.kb);
    }
  }
}

function closure(kb: string, supersededBy: Map<string, Set<string>>): ReadonlySet<string> {
  const seen = new Set([kb]);
  const queue = [kb];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const newer of supersededBy.get(next) ?? []) {
      if (!seen.has(newer)) {
        seen.add(newer);
        queue.push(newer);
      }
    }
  }
  return seen;
}

function productFor(products: Map<string, ProductIndex>, identity: ProductIdentity): ProductIndex {
  let product = products.get(identity.key);
  if (product === undefined) {
    product = { identity, cves: new Map(), byBase: new Map(), memo: new Map() };
    products.set(identity.key, product);
  }
  return product;
}

/** Adds one CVE to every product key it affects; returns the number of fix rows kept. */
function addVulnerability(products: Map<string, ProductIndex>, { vulnerability, names }: Winner): number {
  const { cve } = vulnerability;
  const touch = (productId: string): ProductCve | undefined => {
    const productName = names.get(productId);
    if (productName === undefined) return undefined;
    const product = productFor(products, identifyProduct(productName));
    let entry = product.cves.get(cve);
    if (entry === undefined) {
      entry = { cve, productId, productName, rows: [], publishedAt: vulnerability.publishedAt };
      product.cves.set(cve, entry);
    }
    return entry;
  };
  for (const affected of vulnerability.affected)
    if (affected.status === 'affected') touch(affected.productId);
  const seen = new Set<string>();
  let kept = 0;
  for (const remediation of vulnerability.remediations) {
    // Known Issue rows repeat the fix's KB and are never fixes; mitigations and workarounds are not either.
    if (remediation.kind !== 'vendor_fix') continue;
    for (const productId of remediation.productIds) {
      const entry = touch(productId);
      if (entry === undefined) continue;
      const productName = names.get(productId) ?? entry.productName;
      const id = `${normalizeProductName(productName)}|${remediation.kb ?? remediation.fixedBuild ?? ''}|${remediation.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      entry.rows.push({
        productId,
        productName,
        line: remediation.line,
        kb: remediation.kb,
        fixedBuild: remediation.fixedBuild,
      });
      kept++;
    }
  }
  return kept;
}

/** Groups Windows and Exchange rows by base build (third part) with the lowest fixed revision per CVE. */
function indexBuildLines(product: ProductIndex): void {
  if (product.identity.kind !== 'windows' && product.identity.kind !== 'exchange') return;
  for (const entry of product.cves.values()) {
    const perBase = new Map<number, { regular?: BuildEntry; hotpatch?: BuildEntry }>();
    for (const row of entry.rows) {
      if (!BUILD_LINES.has(row.line) || row.fixedBuild === undefined) continue;
      const parts = parseDotted(row.fixedBuild);
      if (parts?.length !== 4) continue;
      const base = parts[2] as number;
      const candidate: BuildEntry = { threshold: parts[3] as number, row, product: entry };
      const best = perBase.get(base) ?? {};
      // Any alternative fix (Monthly Rollup or Security Only) counts: the lowest one decides (§4.3).
      if (
        row.line !== 'hotpatch' &&
        (best.regular === undefined || candidate.threshold < best.regular.threshold)
      ) {
        best.regular = candidate;
      }
      if (best.hotpatch === undefined || candidate.threshold < best.hotpatch.threshold)
        best.hotpatch = candidate;
      perBase.set(base, best);
    }
    for (const [base, best] of perBase) {
      let line = product.byBase.get(base);
      if (line === undefined) {
        line = { regular: [], hotpatch: [] };
        product.byBase.set(base, line);
      }
      if (best.regular !== undefined) line.regular.push(best.regular);
      if (best.hotpatch !== undefined) line.hotpatch.push(best.hotpatch);
    }
  }
  for (const line of product.byBase.values()) {
    line.regular.sort((a, b) => a.threshold - b.threshold);
    line.hotpatch.sort((a, b) => a.threshold - b.threshold);
  }
}
