/**
 * Office (VULNS.md §4.5). MSI Office: the FixedBuild ("16.0.5387.1000") is the file version of the
 * product's application (Outlook's for Outlook 2016), compared with the host's file version of that
 * component. Click-to-Run: the FixedBuild is the aka.ms URL; the fixed build comes from the imported
 * per-channel table: the lowest build of the host's channel whose row names the CVE, else the first build
 * of the channel released on or after the CVE's publication.
 */
import type { HostFacts, MatchVerdict } from '../model';
import { compareParts, parseDotted } from '../versions';
import { decideWithoutBuild, type HostContext, makeVerdict } from './build-line';
import { type C2rBuild, type C2rChannel, c2rBuildParts, normalizeChannel } from './c2r-builds';
import type { FixRow, MatchIndex, ProductCve, ProductIndex } from './index';
import { type C2rFamily, officeC2rKey } from './product-key';

const MSI_RULE = 'office-msi-file';
const C2R_RULE = 'office-c2r-channel';

function lowestFileVersion(cve: ProductCve): { row: FixRow; parts: number[] } | undefined {
  let best: { row: FixRow; parts: number[] } | undefined;
  for (const row of cve.rows) {
    const parts = row.fixedBuild === undefined ? undefined : parseDotted(row.fixedBuild);
    if (parts?.length !== 4) continue;
    if (best === undefined || compareParts(parts, best.parts) < 0) best = { row, parts };
  }
  return best;
}

function matchMsiProduct(
  index: MatchIndex,
  product: ProductIndex,
  version: string | undefined,
  host: HostContext,
  out: MatchVerdict[],
): void {
  const parts = version === undefined ? undefined : parseDotted(version);
  const component = product.identity.component ?? 'office';
  for (const cve of product.cves.values()) {
    const fixed = lowestFileVersion(cve);
    const context = { hotpatch: false, observed: version, rule: MSI_RULE };
    if (fixed === undefined) {
      decideWithoutBuild(
        index,
        cve,
        host,
        { ...context, reason: 'the advisory gives no file version for this product' },
        out,
      );
    } else if (version === undefined) {
      const reason = `no ${component} file version was reported, so the fixed file version ${fixed.row.fixedBuild} cannot be compared`;
      decideWithoutBuild(index, cve, host, { ...context, reason }, out);
    } else if (parts === undefined) {
      decideWithoutBuild(
        index,
        cve,
        host,
        { ...context, reason: `file version "${version}" is unreadable` },
        out,
      );
    } else if (compareParts(parts, fixed.parts) >= 0) {
      if (host.includeFixed) {
        out.push(
          makeVerdict(host, cve, version, {
            status: 'fixed',
            rule: MSI_RULE,
            confidence: 'high',
            row: fixed.row,
          }),
        );
      }
    } else {
      out.push(
        makeVerdict(host, cve, version, {
          status: 'vulnerable',
          rule: MSI_RULE,
          confidence: 'high',
          row: fixed.row,
        }),
      );
    }
  }
}

/** Applications installed with an MSI suite; Visio and Project are separate products, judged only by file. */
const SUITE_MEMBERS = new Set([
  'word',
  'excel',
  'outlook',
  'powerpoint',
  'access',
  'publisher',
  'onenote',
  'office',
]);

const msiProductsOf = new WeakMap<MatchIndex, ProductIndex[]>();

function msiProducts(index: MatchIndex): ProductIndex[] {
  let list = msiProductsOf.get(index);
  if (list === undefined) {
    list = [...index.products.values()].filter((product) => product.identity.kind === 'office-msi');
    msiProductsOf.set(index, list);
  }
  return list;
}

/** MSI Office majors on the host: from file versions, or an installed "Microsoft Office … 2013/2016" suite. */
function msiMajors(facts: HostFacts, files: Record<string, string>): Set<number> {
  const majors = new Set<number>();
  for (const version of Object.values(files)) {
    const major = parseDotted(version)?.[0];
    if (major === 15 || major === 16) majors.add(major);
  }
  for (const program of facts.programs) {
    const suite = /^microsoft office\b.*\b(2013|2016)\b/i.exec(program.name);
    if (suite !== null && !/click-to-run|365/i.test(program.name)) majors.add(suite[1] === '2013' ? 15 : 16);
  }
  return majors;
}

/**
 * MSI Office: each advisory product of an installed major is judged by its application's file version;
 * a suite member without a reported file falls back to KBs, else 'unknown' (never "safe", §0).
 */
export function matchOfficeMsi(
  index: MatchIndex,
  facts: HostFacts,
  host: HostContext,
  out: MatchVerdict[],
): void {
  if (facts.office?.msiFiles === undefined && facts.programs.length === 0) return;
  const files: Record<string, string> = {};
  for (const [name, version] of Object.entries(facts.office?.msiFiles ?? {}))
    files[name.toLowerCase()] = version;
  const majors = msiMajors(facts, files);
  if (majors.size === 0) return;
  for (const product of msiProducts(index)) {
    const { component = 'office', major } = product.identity;
    if (major === undefined || !majors.has(major)) continue;
    const version = files[component];
    const fileMajor = version === undefined ? undefined : parseDotted(version)?.[0];
    // Outlook 2013 files say nothing about Word 2016 rows: only a file of the product's major counts.
    if (fileMajor !== undefined && fileMajor !== major) continue;
    if (version === undefined && !SUITE_MEMBERS.has(component)) continue;
    matchMsiProduct(index, product, version, host, out);
  }
}

function familyOf(channel: C2rChannel | undefined): C2rFamily {
  if (channel === 'ltsc-2021' || channel === 'ltsc-2024' || channel === 'office-2019') return channel;
  return '365-apps';
}

/** The UTC calendar day of an instant: table dates are days, MSRC instants carry no zone (§4.13). */
function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * First table build of the channel released on/after `since`: the same channel version as the host when
 * there is one (Semi-Annual serves several versions at once), else the earliest, lowest build.
 */
function tableBuild(table: readonly C2rBuild[], channel: C2rChannel, hostMajor: number, since: string) {
  let first: { row: C2rBuild; parts: [number, number] } | undefined;
  for (const row of table) {
    if (row.channel !== channel || row.releasedAt < since) continue;
    const parts = c2rBuildParts(row.build);
    if (parts === undefined) continue;
    if (parts[0] === hostMajor) return { row, parts };
    if (
      first === undefined ||
      (row.releasedAt === first.row.releasedAt && compareParts(parts, first.parts) < 0)
    ) {
      first = { row, parts };
    }
  }
  return first;
}

/**
 * The lowest build of the channel whose row names the CVE: of the host's own channel version when
 * there is one (Semi-Annual fixes several versions the same day), else of any version.
 */
function namedBuild(table: readonly C2rBuild[], channel: C2rChannel, hostMajor: number, cve: string) {
  let same: { row: C2rBuild; parts: [number, number] } | undefined;
  let lowest: typeof same;
  for (const row of table) {
    if (row.channel !== channel || row.cves?.includes(cve) !== true) continue;
    const parts = c2rBuildParts(row.build);
    if (parts === undefined) continue;
    if (parts[0] === hostMajor && (same === undefined || compareParts(parts, same.parts) < 0))
      same = { row, parts };
    if (lowest === undefined || compareParts(parts, lowest.parts) < 0) lowest = { row, parts };
  }
  return same ?? lowest;
}

type C2rThreshold = {
  cve: ProductCve;
  row?: FixRow;
  parts?: [number, number];
  reason?: string;
  /** high when a table row names the CVE, medium when the build is inferred from the release date. */
  confidence?: 'high' | 'medium';
};

function c2rFixRow(cve: ProductCve, parts: [number, number]): FixRow {
  return {
    productId: cve.productId,
    productName: cve.productName,
    line: 'click_to_run',
    fixedBuild: `16.0.${parts.join('.')}`,
  };
}

/** Per (channel, host channel version): each CVE's fixed build, computed once for all hosts alike. */
function c2rThresholds(index: MatchIndex, product: ProductIndex, channel: C2rChannel, hostMajor: number) {
  const key = `c2r|${channel}|${hostMajor}`;
  const cached = product.memo.get(key) as C2rThreshold[] | undefined;
  if (cached !== undefined) return cached;
  const list = [...product.cves.values()].map((cve): C2rThreshold => {
    const named = namedBuild(index.c2rTable, channel, hostMajor, cve.cve);
    if (named !== undefined)
      return { cve, row: c2rFixRow(cve, named.parts), parts: named.parts, confidence: 'high' };
    if (cve.rows.length === 0)
      return { cve, reason: 'affected, but the advisory publishes no fix for this product' };
    if (cve.publishedAt === undefined) return { cve, reason: 'the advisory date is unknown' };
    const since = dayOf(cve.publishedAt);
    const found = tableBuild(index.c2rTable, channel, hostMajor, since);
    if (found === undefined) {
      return {
        cve,
        reason: `the Click-to-Run build table has no ${channel} build released on or after ${since}`,
      };
    }
    return { cve, row: c2rFixRow(cve, found.parts), parts: found.parts, confidence: 'medium' };
  });
  product.memo.set(key, list);
  return list;
}

/** Click-to-Run: product family from the channel (LTSC/2019 channels are their own products). */
export function matchOfficeC2r(
  index: MatchIndex,
  facts: HostFacts,
  host: HostContext,
  out: MatchVerdict[],
): void {
  const c2r = facts.office?.clickToRun;
  if (c2r === undefined) return;
  const channel = normalizeChannel(c2r.channel);
  const bits = c2r.platform?.toLowerCase() === 'x86' ? '32' : '64';
  const product = index.products.get(officeC2rKey(familyOf(channel), bits));
  if (product === undefined) return;
  const observed = `${c2r.version} (${c2r.channel ?? 'channel unknown'})`;
  const parts = c2rBuildParts(c2r.version);
  const undecidable =
    channel === undefined
      ? `the Click-to-Run update channel ${c2r.channel === undefined ? 'was not reported' : `"${c2r.channel}" is not known`}`
      : parts === undefined
        ? `the Click-to-Run version "${c2r.version}" is unreadable`
        : undefined;
  if (undecidable !== undefined || channel === undefined || parts === undefined) {
    for (const cve of product.cves.values()) {
      decideWithoutBuild(
        index,
        cve,
        host,
        { hotpatch: false, observed, rule: C2R_RULE, reason: undecidable ?? '' },
        out,
      );
    }
    return;
  }
  for (const threshold of c2rThresholds(index, product, channel, parts[0])) {
    const { cve, row, confidence = 'medium' } = threshold;
    if (row === undefined || threshold.parts === undefined) {
      const reason = threshold.reason ?? '';
      decideWithoutBuild(index, cve, host, { hotpatch: false, observed, rule: C2R_RULE, reason }, out);
    } else if (compareParts(parts, threshold.parts) >= 0) {
      if (host.includeFixed)
        out.push(makeVerdict(host, cve, observed, { status: 'fixed', rule: C2R_RULE, confidence, row }));
    } else {
      out.push(makeVerdict(host, cve, observed, { status: 'vulnerable', rule: C2R_RULE, confidence, row }));
    }
  }
}
