/**
 * Maps an MSRC CVRF document, already read from XML or JSON into plain strings, into the model.
 * Both readers produce `CvrfDocument`, so XML and JSON cannot drift apart (VULNS.md §2.1).
 */
import {
  type AffectedProduct,
  type CvssScore,
  FeedParseError,
  type ParsedFeed,
  type Remediation,
  type SourceProduct,
  type Vulnerability,
} from '../model';
import {
  exploitStatusOf,
  kbOf,
  remediationKindOf,
  remediationLineOf,
  restartRequiredOf,
  supersededKbs,
} from './msrc-shared';
import {
  acceptCveId,
  cvssVersionOf,
  groupByValue,
  optionalInstant,
  parseScore,
  type RecordOptions,
  unique,
} from './shared';

/** Type names as the XML writes them; the JSON reader turns numeric codes into these names. */
export type CvrfThreat = { type: string; description: string; productIds: string[] };
export type CvrfRemediation = {
  type: string;
  subType?: string;
  description?: string;
  url?: string;
  supercedence?: string;
  fixedBuild?: string;
  restartRequired?: string;
  productIds: string[];
};
export type CvrfVulnerability = {
  /** Where the record sits, for error messages: "Vulnerability[12]". */
  where: string;
  cve: unknown;
  title?: string;
  description?: string;
  cwes: string[];
  statuses: { type: string; productIds: string[] }[];
  threats: CvrfThreat[];
  scores: { baseScore: unknown; temporalScore?: unknown; vector?: string; productIds: string[] }[];
  remediations: CvrfRemediation[];
  revisionDates: string[];
};
export type CvrfDocument = {
  id?: string;
  title?: string;
  currentReleaseDate?: string;
  revision?: string;
  products: SourceProduct[];
  vulnerabilities: CvrfVulnerability[];
};

/** CVRF 1.1 ProductStatus names to the model's status; Recommended and unknown names are skipped. */
const STATUS_OF: Record<string, AffectedProduct['status']> = {
  'known affected': 'affected',
  'first affected': 'affected',
  'last affected': 'affected',
  'known not affected': 'unaffected',
  fixed: 'fixed',
  'first fixed': 'fixed',
};

export function mapCvrfDocument(doc: CvrfDocument, file: string, options: RecordOptions = {}): ParsedFeed {
  if (doc.id === undefined || doc.id.trim() === '') {
    throw new FeedParseError(file, 'DocumentTracking.Identification.ID', 'the document has no id');
  }
  const names = new Map(doc.products.map((product) => [product.id, product.name]));
  return {
    source: 'msrc-cvrf',
    documentId: doc.id.trim(),
    title: doc.title,
    // MSRC writes CurrentReleaseDate without a zone ("2024-04-26T17:17:20"); the v3 API's `updates`
    // list gives the same instants with "Z", so it is UTC (VULNS.md §4.13).
    releasedAt: optionalInstant(doc.currentReleaseDate, file, 'DocumentTracking.CurrentReleaseDate', true),
    revision: doc.revision,
    products: doc.products,
    vulnerabilities: doc.vulnerabilities.flatMap((vulnerability) => {
      const cve = acceptCveId(vulnerability.cve, file, `${vulnerability.where}.CVE`, options);
      return cve === undefined ? [] : [mapVulnerability(cve, vulnerability, names, file)];
    }),
    kev: [],
    epss: [],
  };
}

function mapVulnerability(
  cve: string,
  raw: CvrfVulnerability,
  names: Map<string, string>,
  file: string,
): Vulnerability {
  const at = `${raw.where} (${cve})`;
  const byType = (type: string) =>
    raw.threats.filter((threat) => threat.type.toLowerCase() === type && threat.description.trim() !== '');
  const exploitStatus = exploitStatusOf(byType('exploit status')[0]?.description);
  const dates = raw.revisionDates.map((date, index) =>
    optionalInstant(date, file, `${at}.RevisionHistory[${index}].Date`, true),
  );
  const known = dates
    .filter((date): date is Date => date !== undefined)
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    cve,
    title: raw.title,
    description: raw.description,
    severities: groupByValue(
      byType('severity').map(({ description, productIds }) => ({ value: description, productIds })),
    ),
    impacts: groupByValue(
      byType('impact').map(({ description, productIds }) => ({ value: description, productIds })),
    ),
    cvss: mapScores(raw, at, file),
    ...exploitStatus,
    cwes: unique(raw.cwes),
    affected: mapStatuses(raw.statuses, names),
    remediations: raw.remediations.map(mapRemediation),
    configurations: [],
    publishedAt: known[0],
    updatedAt: known.at(-1),
    references: [],
  };
}

/** MSRC repeats the same score set once per product; one CvssScore per distinct set keeps all products. */
function mapScores(raw: CvrfVulnerability, at: string, file: string): CvssScore[] {
  const grouped = new Map<string, CvssScore>();
  raw.scores.forEach((set, index) => {
    const where = `${at}.CVSSScoreSets[${index}]`;
    const baseScore = parseScore(set.baseScore, file, `${where}.BaseScore`);
    const temporalScore =
      set.temporalScore === undefined || set.temporalScore === ''
        ? undefined
        : parseScore(set.temporalScore, file, `${where}.TemporalScore`);
    // MSRC has scored only in CVSS 3.1 since 2019; a vector without the prefix is read as 3.1.
    const version = cvssVersionOf(set.vector) ?? '3.1';
    const key = `${baseScore}|${temporalScore}|${set.vector}`;
    const existing = grouped.get(key);
    if (existing === undefined) {
      grouped.set(key, {
        version,
        baseScore,
        temporalScore,
        vector: set.vector,
        source: 'microsoft',
        productIds: [...set.productIds],
      });
    } else {
      for (const id of set.productIds) if (!existing.productIds.includes(id)) existing.productIds.push(id);
    }
  });
  return [...grouped.values()];
}

function mapStatuses(statuses: CvrfVulnerability['statuses'], names: Map<string, string>): AffectedProduct[] {
  const affected: AffectedProduct[] = [];
  const seen = new Set<string>();
  for (const status of statuses) {
    const mapped = STATUS_OF[status.type.toLowerCase()];
    if (mapped === undefined) continue;
    for (const productId of status.productIds) {
      if (seen.has(`${mapped}|${productId}`)) continue;
      seen.add(`${mapped}|${productId}`);
      affected.push({ productId, product: names.get(productId), ranges: [], status: mapped });
    }
  }
  return affected;
}

function mapRemediation(raw: CvrfRemediation): Remediation {
  const description = raw.description?.trim() || undefined;
  return {
    kind: remediationKindOf(raw.type),
    line: remediationLineOf(raw.subType, description),
    subType: raw.subType,
    productIds: unique(raw.productIds),
    kb: kbOf(description),
    // Kept raw: "10.0.19045.2728", "124.0.6367.xxx", a URL or free text; the matcher decides (VULNS.md §2.1).
    fixedBuild: raw.fixedBuild?.trim() || undefined,
    supersedes: supersededKbs(raw.supercedence),
    url: raw.url?.trim() || undefined,
    description,
    restartRequired: restartRequiredOf(raw.restartRequired),
  };
}
