/**
 * NVD CVE API 2.0: the paged envelope or one bare `cve` object (fkie-cad mirror layout), VULNS.md §2.4.
 * NVD data is a second opinion for Microsoft (§0): its typos and version-less CPEs are kept as data, not
 * repaired, so the matcher can show them as such (§4.7).
 */
import { z } from 'zod';
import type { CpeConfiguration, CpeMatch, CvssScore, ParsedFeed, Vulnerability } from '../model';
import {
  acceptCveId,
  checkShape,
  cvssVersionOf,
  type FeedInput,
  optionalInstant,
  parseJson,
  parseScore,
  type RecordOptions,
  toText,
  unique,
} from './shared';

const Metric = z.object({
  source: z.string().nullish(),
  type: z.string().nullish(),
  cvssData: z.object({
    version: z.string().nullish(),
    vectorString: z.string().nullish(),
    baseScore: z.unknown(),
  }),
});
const Operator = z.enum(['AND', 'OR']).nullish();
const CpeMatchShape = z.object({
  vulnerable: z.boolean(),
  criteria: z.string(),
  versionStartIncluding: z.string().nullish(),
  versionStartExcluding: z.string().nullish(),
  versionEndIncluding: z.string().nullish(),
  versionEndExcluding: z.string().nullish(),
});
const NvdCve = z.object({
  id: z.string(),
  published: z.string().nullish(),
  lastModified: z.string().nullish(),
  vulnStatus: z.string().nullish(),
  descriptions: z.array(z.object({ lang: z.string(), value: z.string() })).nullish(),
  metrics: z.record(z.string(), z.array(Metric)).nullish(),
  cisaExploitAdd: z.string().nullish(),
  weaknesses: z.array(z.object({ description: z.array(z.object({ value: z.string() })) })).nullish(),
  configurations: z
    .array(
      z.object({
        operator: Operator,
        negate: z.boolean().nullish(),
        nodes: z.array(
          z.object({ operator: Operator, negate: z.boolean().nullish(), cpeMatch: z.array(CpeMatchShape) }),
        ),
      }),
    )
    .nullish(),
  references: z.array(z.object({ url: z.string() })).nullish(),
});
const Envelope = z.object({
  format: z.string().nullish(),
  timestamp: z.string(),
  vulnerabilities: z.array(z.object({ cve: z.unknown() })),
});

/** cvssMetricV40/V31/V30/V2, newest first; the record's own "version" wins over the key's name. */
const METRIC_KEYS: [string, CvssScore['version']][] = [
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV2', '2.0'],
];

function mapMetrics(metrics: z.infer<typeof NvdCve>['metrics'], at: string, file: string): CvssScore[] {
  const scores: CvssScore[] = [];
  for (const [key, fallback] of METRIC_KEYS) {
    (metrics?.[key] ?? []).forEach((metric, index) => {
      const vector = metric.cvssData.vectorString ?? undefined;
      scores.push({
        version: cvssVersionOf(vector, metric.cvssData.version ?? undefined) ?? fallback,
        baseScore: parseScore(
          metric.cvssData.baseScore,
          file,
          `${at}.metrics.${key}[${index}].cvssData.baseScore`,
        ),
        ...(vector ? { vector } : {}),
        // The model has no Primary/Secondary field; "nvd@nist.gov" vs a CNA's source tells them apart.
        source: metric.source ?? 'nvd@nist.gov',
        productIds: [],
      });
    });
  }
  return scores;
}

function mapMatch(match: z.infer<typeof CpeMatchShape>): CpeMatch {
  const out: CpeMatch = { criteria: match.criteria, vulnerable: match.vulnerable };
  for (const key of [
    'versionStartIncluding',
    'versionStartExcluding',
    'versionEndIncluding',
    'versionEndExcluding',
  ] as const) {
    const value = match[key];
    if (value) out[key] = value;
  }
  return out;
}

/** A configuration with one node has no operator in NVD output; OR is the API's default. */
function mapConfigurations(configurations: z.infer<typeof NvdCve>['configurations']): CpeConfiguration[] {
  return (configurations ?? []).map((configuration) => ({
    operator: configuration.operator ?? 'OR',
    nodes: configuration.nodes.map((node) => ({
      operator: node.operator ?? 'OR',
      negate: node.negate ?? false,
      matches: node.cpeMatch.map(mapMatch),
    })),
  }));
}

function mapCve(raw: unknown, at: string, file: string, options: RecordOptions): Vulnerability | undefined {
  const cve = checkShape(NvdCve, raw, file, at);
  const id = acceptCveId(cve.id, file, `${at === '' ? '' : `${at}.`}id`, options);
  if (id === undefined) return undefined;
  const english = cve.descriptions?.find((description) => description.lang === 'en');
  const where = (field: string) => (at === '' ? field : `${at}.${field}`);
  return {
    cve: id,
    description: english?.value,
    severities: [],
    impacts: [],
    cvss: mapMetrics(cve.metrics, at === '' ? '(root)' : at, file),
    // NVD copies KEV's date of addition: being in KEV means exploited; absence says nothing.
    ...(cve.cisaExploitAdd ? { exploited: true } : {}),
    cwes: unique(
      (cve.weaknesses ?? []).flatMap((weakness) =>
        weakness.description.map((entry) => entry.value).filter((value) => /^CWE-\d+$/.test(value)),
      ),
    ),
    affected: [],
    remediations: [],
    configurations: mapConfigurations(cve.configurations),
    // NVD writes UTC without a zone ("2023-03-14T17:15:17.683"), per the API documentation.
    publishedAt: optionalInstant(cve.published, file, where('published'), true),
    updatedAt: optionalInstant(cve.lastModified, file, where('lastModified'), true),
    references: unique((cve.references ?? []).map((reference) => reference.url)),
  };
}

/**
 * Parses an NVD API 2.0 response page or one bare CVE object.
 * @example
 * parseNvd(readFileSync('CVE-2023-24880.json'), 'CVE-2023-24880.json').documentId; // "CVE-2023-24880"
 */
export function parseNvd(input: FeedInput, fileName: string, options: RecordOptions = {}): ParsedFeed {
  const json = parseJson(toText(input), fileName);
  const base = { source: 'nvd' as const, kev: [], epss: [] };
  if (typeof json === 'object' && json !== null && 'vulnerabilities' in json) {
    const envelope = checkShape(Envelope, json, fileName);
    const releasedAt = optionalInstant(envelope.timestamp, fileName, 'timestamp', true);
    const vulnerabilities = envelope.vulnerabilities.flatMap((item, index) => {
      const mapped = mapCve(item.cve, `vulnerabilities[${index}].cve`, fileName, options);
      return mapped === undefined ? [] : [mapped];
    });
    return { ...base, products: [], documentId: `nvd:${envelope.timestamp}`, releasedAt, vulnerabilities };
  }
  // A single record is its own document: a bad id cannot be skipped, there would be nothing left.
  const vulnerability = mapCve(json, '', fileName, {}) as Vulnerability;
  return {
    ...base,
    products: [],
    documentId: vulnerability.cve,
    releasedAt: vulnerability.updatedAt,
    vulnerabilities: [vulnerability],
  };
}
