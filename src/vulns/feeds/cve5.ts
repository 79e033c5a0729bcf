/**
 * CVE JSON 5 records (cvelistV5), VULNS.md §2.5: the CNA's own affected list, before NVD enrichment,
 * plus CISA-ADP's SSVC and KEV hints.
 */
import { z } from 'zod';
import type { AffectedProduct, CvssScore, ParsedFeed, VersionRange, Vulnerability } from '../model';
import {
  checkShape,
  cvssVersionOf,
  cweIdsIn,
  type FeedInput,
  optionalInstant,
  parseJson,
  parseScore,
  requireCveId,
  toText,
  unique,
} from './shared';

const Version = z.object({
  version: z.string(),
  status: z.string(),
  versionType: z.string().nullish(),
  lessThan: z.string().nullish(),
  lessThanOrEqual: z.string().nullish(),
});
const Affected = z.object({
  vendor: z.string().nullish(),
  product: z.string().nullish(),
  cpes: z.array(z.string()).nullish(),
  versions: z.array(Version).nullish(),
  defaultStatus: z.string().nullish(),
});
const Cvss = z.object({
  baseScore: z.unknown(),
  vectorString: z.string().nullish(),
  version: z.string().nullish(),
});
const Metric = z.object({
  cvssV4_0: Cvss.nullish(),
  cvssV3_1: Cvss.nullish(),
  cvssV3_0: Cvss.nullish(),
  cvssV2_0: Cvss.nullish(),
  other: z.object({ type: z.string(), content: z.unknown() }).nullish(),
});
const Container = z.object({
  providerMetadata: z.object({ shortName: z.string().nullish() }).nullish(),
  title: z.string().nullish(),
  affected: z.array(Affected).nullish(),
  descriptions: z.array(z.object({ lang: z.string(), value: z.string() })).nullish(),
  metrics: z.array(Metric).nullish(),
  problemTypes: z
    .array(
      z.object({
        descriptions: z.array(z.object({ cweId: z.string().nullish(), description: z.string().nullish() })),
      }),
    )
    .nullish(),
  references: z.array(z.object({ url: z.string() })).nullish(),
  rejectedReasons: z.array(z.object({ lang: z.string(), value: z.string() })).nullish(),
});
const Record5 = z.object({
  cveMetadata: z.object({
    cveId: z.string(),
    state: z.enum(['PUBLISHED', 'REJECTED']),
    assignerShortName: z.string().nullish(),
    datePublished: z.string().nullish(),
    dateUpdated: z.string().nullish(),
  }),
  containers: z.object({ cna: Container, adp: z.array(Container).nullish() }),
});
type Container = z.infer<typeof Container>;

const STATUSES = new Set(['affected', 'unaffected', 'unknown']);
/** "n/a" is how many CNAs say "we don't know" (Hikvision, VULNS.md §2.5): no range can be built from it. */
const isNotApplicable = (value: string | null | undefined) =>
  value === undefined || value === null || /^n\/?a$/i.test(value.trim());

function rangeOf(version: z.infer<typeof Version>): VersionRange {
  const scheme = version.versionType ? { scheme: version.versionType } : {};
  // A lessThan may be a URL ("https://aka.ms/OfficeSecurityReleases" for Click-to-Run): kept raw, the
  // matcher must not compare it (VULNS.md §4.5).
  if (version.lessThan) return { introduced: version.version, fixed: version.lessThan, ...scheme };
  if (version.lessThanOrEqual)
    return { introduced: version.version, lastAffected: version.lessThanOrEqual, ...scheme };
  return { exact: version.version, ...scheme };
}

function mapAffected(list: z.infer<typeof Affected>[]): AffectedProduct[] {
  const out: AffectedProduct[] = [];
  const used = new Map<string, number>();
  for (const entry of list) {
    const base = `${entry.vendor ?? 'n/a'}:${entry.product ?? 'n/a'}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    const identity = {
      productId: seen === 0 ? base : `${base}#${seen + 1}`,
      ...(entry.vendor ? { vendor: entry.vendor } : {}),
      ...(entry.product ? { product: entry.product } : {}),
      // Microsoft lists one CPE per architecture with the same product; the first names the product.
      ...(entry.cpes?.[0] ? { cpe: entry.cpes[0] } : {}),
    };
    const byStatus = new Map<AffectedProduct['status'], VersionRange[]>();
    let unknown = false;
    for (const version of entry.versions ?? []) {
      if (isNotApplicable(version.version) && !version.lessThan && !version.lessThanOrEqual) {
        unknown = true;
        continue;
      }
      const status = STATUSES.has(version.status) ? (version.status as AffectedProduct['status']) : 'unknown';
      byStatus.set(status, [...(byStatus.get(status) ?? []), rangeOf(version)]);
    }
    if (unknown) out.push({ ...identity, ranges: [], status: 'unknown' });
    for (const [status, ranges] of byStatus) out.push({ ...identity, ranges, status });
    if (!unknown && byStatus.size === 0) {
      const status = STATUSES.has(entry.defaultStatus ?? '')
        ? (entry.defaultStatus as AffectedProduct['status'])
        : 'unknown';
      out.push({ ...identity, ranges: [], status });
    }
  }
  return out;
}

function mapMetrics(container: Container, source: string, at: string, file: string): CvssScore[] {
  const scores: CvssScore[] = [];
  (container.metrics ?? []).forEach((metric, index) => {
    for (const key of ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0'] as const) {
      const cvss = metric[key];
      if (!cvss) continue;
      const vector = cvss.vectorString ?? undefined;
      const fallback = ({ cvssV4_0: '4.0', cvssV3_1: '3.1', cvssV3_0: '3.0', cvssV2_0: '2.0' } as const)[key];
      scores.push({
        version: cvssVersionOf(vector, cvss.version ?? undefined) ?? fallback,
        baseScore: parseScore(cvss.baseScore, file, `${at}.metrics[${index}].${key}.baseScore`),
        ...(vector ? { vector } : {}),
        source,
        productIds: [],
      });
    }
  });
  return scores;
}

/** CISA-ADP's SSVC "Exploitation: active" or a "kev" entry means exploited (VULNS.md §2.5). */
function isExploited(containers: Container[]): boolean {
  return containers.some((container) =>
    (container.metrics ?? []).some(({ other }) => {
      if (!other) return false;
      if (other.type === 'kev') return true;
      if (other.type !== 'ssvc') return false;
      const options = (other.content as { options?: Record<string, unknown>[] } | null)?.options ?? [];
      return options.some((option) => String(option.Exploitation ?? '').toLowerCase() === 'active');
    }),
  );
}

/**
 * Parses one CVE JSON 5 record. REJECTED records are mapped, not refused: a rejection is valid data,
 * and an import of it must replace a previously published record (no affected products, no scores), so
 * the matcher stops reporting it. The rejection reason becomes the description.
 * @example
 * parseCve5(readFileSync('CVE-2023-24880.json'), 'CVE-2023-24880.json').vulnerabilities[0].affected;
 */
export function parseCve5(input: FeedInput, fileName: string): ParsedFeed {
  const record = checkShape(Record5, parseJson(toText(input), fileName), fileName);
  const { cveMetadata: meta, containers } = record;
  const cve = requireCveId(meta.cveId, fileName, 'cveMetadata.cveId');
  const updatedAt = optionalInstant(meta.dateUpdated, fileName, 'cveMetadata.dateUpdated', false);
  const publishedAt = optionalInstant(meta.datePublished, fileName, 'cveMetadata.datePublished', false);
  const { cna } = containers;
  const adp = containers.adp ?? [];
  const all = [cna, ...adp];
  const rejected = meta.state === 'REJECTED';
  const english = (list: { lang: string; value: string }[] | null | undefined) =>
    list?.find((item) => item.lang.toLowerCase().startsWith('en'))?.value;
  const vulnerability: Vulnerability = {
    cve,
    title: cna.title ?? undefined,
    description: rejected ? english(cna.rejectedReasons) : english(cna.descriptions),
    severities: [],
    impacts: [],
    cvss: rejected
      ? []
      : [
          ...mapMetrics(
            cna,
            meta.assignerShortName ?? cna.providerMetadata?.shortName ?? 'cna',
            'containers.cna',
            fileName,
          ),
          ...adp.flatMap((container, index) =>
            mapMetrics(
              container,
              container.providerMetadata?.shortName ?? 'adp',
              `containers.adp[${index}]`,
              fileName,
            ),
          ),
        ],
    ...(!rejected && isExploited(all) ? { exploited: true } : {}),
    cwes: unique(
      all.flatMap((container) =>
        (container.problemTypes ?? []).flatMap((problem) =>
          problem.descriptions.flatMap((entry) =>
            entry.cweId ? [entry.cweId] : cweIdsIn(entry.description ?? undefined),
          ),
        ),
      ),
    ),
    affected: rejected ? [] : mapAffected(cna.affected ?? []),
    remediations: [],
    configurations: [],
    publishedAt,
    updatedAt,
    references: unique(
      all.flatMap((container) => (container.references ?? []).map((reference) => reference.url)),
    ),
  };
  return {
    source: 'cve5',
    documentId: cve,
    releasedAt: updatedAt,
    products: [],
    vulnerabilities: [vulnerability],
    kev: [],
    epss: [],
  };
}
