/**
 * Microsoft CSAF 2.0 advisories (one CVE per file since Nov 2024, VULNS.md §2.2). Only Edge samples were
 * available, so the Windows layout is unverified: everything optional is read generically and a missing
 * part is simply absent from the result, never a crash.
 */
import { z } from 'zod';
import type {
  AffectedProduct,
  CvssScore,
  ParsedFeed,
  Remediation,
  SourceProduct,
  VersionRange,
  Vulnerability,
} from '../model';
import { exploitStatusOf, kbOf, remediationKindOf, remediationLineOf } from './msrc-shared';
import {
  checkShape,
  cvssVersionOf,
  type FeedInput,
  groupByValue,
  optionalInstant,
  parseJson,
  parseScore,
  requireCveId,
  toText,
  unique,
} from './shared';

type BranchNode = {
  category?: string | null;
  name?: string | null;
  product?: { product_id: string; name?: string | null } | null;
  branches?: BranchNode[] | null;
};
const Branch: z.ZodType<BranchNode> = z.lazy(() =>
  z.object({
    category: z.string().nullish(),
    name: z.string().nullish(),
    product: z.object({ product_id: z.string(), name: z.string().nullish() }).nullish(),
    branches: z.array(Branch).nullish(),
  }),
);
const Ids = z.array(z.string()).nullish();
const Cvss = z.object({
  baseScore: z.unknown(),
  vectorString: z.string().nullish(),
  version: z.string().nullish(),
  temporalScore: z.unknown(),
});

const CsafVulnerability = z.object({
  cve: z.string(),
  title: z.string().nullish(),
  cwe: z.object({ id: z.string() }).nullish(),
  notes: z.array(z.object({ category: z.string().nullish(), text: z.string().nullish() })).nullish(),
  product_status: z.record(z.string(), Ids).nullish(),
  remediations: z
    .array(
      z.object({
        category: z.string(),
        details: z.string().nullish(),
        product_ids: Ids,
        url: z.string().nullish(),
      }),
    )
    .nullish(),
  scores: z.array(z.object({ cvss_v3: Cvss.nullish(), cvss_v2: Cvss.nullish(), products: Ids })).nullish(),
  threats: z
    .array(z.object({ category: z.string(), details: z.string().nullish(), product_ids: Ids }))
    .nullish(),
  references: z.array(z.object({ url: z.string() })).nullish(),
  release_date: z.string().nullish(),
});

const CsafDocument = z.object({
  document: z.object({
    csaf_version: z.string(),
    title: z.string().nullish(),
    aggregate_severity: z.object({ text: z.string() }).nullish(),
    publisher: z.object({ name: z.string().nullish(), namespace: z.string().nullish() }).nullish(),
    tracking: z.object({
      id: z.string(),
      current_release_date: z.string(),
      initial_release_date: z.string().nullish(),
      version: z.string().nullish(),
    }),
  }),
  product_tree: z
    .object({
      branches: z.array(Branch).nullish(),
      full_product_names: z.array(z.object({ product_id: z.string(), name: z.string().nullish() })).nullish(),
    })
    .nullish(),
  vulnerabilities: z.array(z.unknown()).nullish(),
});

/** CSAF product_status keys to the model's status (CSAF 2.0 §3.2.3.9). */
const STATUS_OF: Record<string, AffectedProduct['status']> = {
  known_affected: 'affected',
  first_affected: 'affected',
  last_affected: 'affected',
  known_not_affected: 'unaffected',
  fixed: 'fixed',
  first_fixed: 'fixed',
};

/** Microsoft writes a bare "<129.0.2792.52" rather than CSAF's `vers:` syntax (VULNS.md §2.2). */
function rangeOf(name: string): VersionRange | undefined {
  const match = /^\s*(<=|<|>=)\s*(\S+)\s*$/.exec(name);
  if (match === null) return undefined;
  if (match[1] === '<') return { fixed: match[2] };
  if (match[1] === '<=') return { lastAffected: match[2] };
  return { introduced: match[2] };
}

function readTree(tree: z.infer<typeof CsafDocument>['product_tree']) {
  const products = new Map<string, SourceProduct>();
  const ranges = new Map<string, VersionRange>();
  const visit = (branch: BranchNode, family: string | undefined) => {
    const nextFamily = branch.category === 'product_family' ? (branch.name ?? family) : family;
    if (branch.product) {
      const { product_id: id, name } = branch.product;
      products.set(id, {
        id,
        name: name ?? branch.name ?? '',
        ...(nextFamily ? { family: nextFamily } : {}),
      });
      const range = branch.category === 'product_version_range' ? rangeOf(branch.name ?? '') : undefined;
      if (range) ranges.set(id, range);
    }
    for (const child of branch.branches ?? []) visit(child, nextFamily ?? undefined);
  };
  for (const branch of tree?.branches ?? []) visit(branch, undefined);
  for (const { product_id: id, name } of tree?.full_product_names ?? []) {
    if (!products.has(id)) products.set(id, { id, name: name ?? '' });
  }
  return { products, ranges };
}

/** "129.0.2792.52:Security Update:https://…": build, SubType, URL (the URL keeps its own colons). */
function mapRemediation(
  raw: NonNullable<z.infer<typeof CsafVulnerability>['remediations']>[number],
): Remediation {
  const details = raw.details?.trim() ?? '';
  const parts = /^([^:\s]*):([^:]*):(.*)$/.exec(details);
  const fixedBuild = parts?.[1] || undefined;
  const subType = parts?.[2]?.trim() || undefined;
  // Windows CSAF layout is unverified: a bare number is read as a KB, as in CVRF Descriptions.
  const kb = kbOf(details);
  return {
    kind: remediationKindOf(raw.category.replace(/_/g, ' ')),
    line: remediationLineOf(subType, parts === null ? details : undefined),
    ...(subType ? { subType } : {}),
    productIds: unique(raw.product_ids ?? []),
    ...(kb ? { kb } : {}),
    ...(fixedBuild ? { fixedBuild } : {}),
    url: raw.url ?? (parts?.[3]?.trim() || undefined),
    description: parts === null && details !== '' ? details : undefined,
  };
}

function mapScores(
  vulnerability: z.infer<typeof CsafVulnerability>,
  at: string,
  file: string,
  source: string,
): CvssScore[] {
  const scores: CvssScore[] = [];
  (vulnerability.scores ?? []).forEach((score, index) => {
    for (const key of ['cvss_v3', 'cvss_v2'] as const) {
      const cvss = score[key];
      if (!cvss) continue;
      const where = `${at}.scores[${index}].${key}`;
      const vector = cvss.vectorString ?? undefined;
      const temporal = cvss.temporalScore;
      scores.push({
        version: cvssVersionOf(vector, cvss.version ?? undefined) ?? (key === 'cvss_v2' ? '2.0' : '3.1'),
        baseScore: parseScore(cvss.baseScore, file, `${where}.baseScore`),
        ...(vector ? { vector } : {}),
        ...(temporal === undefined || temporal === null
          ? {}
          : { temporalScore: parseScore(temporal, file, `${where}.temporalScore`) }),
        source,
        productIds: unique(score.products ?? []),
      });
    }
  });
  return scores;
}

function mapVulnerability(
  raw: unknown,
  index: number,
  context: { file: string; source: string; severity?: string; tree: ReturnType<typeof readTree> },
): Vulnerability {
  const { file, source, tree } = context;
  const at = `vulnerabilities[${index}]`;
  const vulnerability = checkShape(CsafVulnerability, raw, file, at);
  const cve = requireCveId(vulnerability.cve, file, `${at}.cve`);
  const threats = vulnerability.threats ?? [];
  const of = (category: string) =>
    threats
      .filter((threat) => threat.category.toLowerCase() === category && (threat.details ?? '') !== '')
      .map((threat) => ({ value: threat.details ?? '', productIds: threat.product_ids ?? [] }));
  const affected: AffectedProduct[] = [];
  for (const [key, ids] of Object.entries(vulnerability.product_status ?? {})) {
    const status = STATUS_OF[key];
    if (status === undefined) continue;
    for (const productId of ids ?? []) {
      const range = status === 'affected' ? tree.ranges.get(productId) : undefined;
      affected.push({
        productId,
        product: tree.products.get(productId)?.name,
        ranges: range ? [range] : [],
        status,
      });
    }
  }
  return {
    cve,
    title: vulnerability.title ?? undefined,
    description: vulnerability.notes?.find((note) => note.category === 'description')?.text ?? undefined,
    // One CVE per document, so the document's aggregate severity stands for all its products when no
    // threat gives one per product.
    severities: groupByValue(
      of('severity').length > 0 || !context.severity
        ? of('severity')
        : [{ value: context.severity, productIds: [] }],
    ),
    impacts: groupByValue(of('impact')),
    cvss: mapScores(vulnerability, at, file, source),
    ...exploitStatusOf(of('exploit_status')[0]?.value),
    cwes: vulnerability.cwe ? [vulnerability.cwe.id] : [],
    affected,
    remediations: (vulnerability.remediations ?? []).map(mapRemediation),
    configurations: [],
    publishedAt: optionalInstant(vulnerability.release_date, file, `${at}.release_date`, false),
    references: unique((vulnerability.references ?? []).map((reference) => reference.url)),
  };
}

/**
 * Parses one Microsoft CSAF 2.0 advisory.
 * @example
 * parseMsrcCsaf(readFileSync('msrc_cve-2025-29806.json'), 'msrc_cve-2025-29806.json').documentId; // "msrc_CVE-2025-29806"
 */
export function parseMsrcCsaf(input: FeedInput, fileName: string): ParsedFeed {
  const doc = checkShape(CsafDocument, parseJson(toText(input), fileName), fileName);
  const { tracking, publisher } = doc.document;
  const tree = readTree(doc.product_tree);
  const source = publisher?.namespace?.includes('msrc.microsoft.com')
    ? 'microsoft'
    : (publisher?.name ?? 'csaf');
  const context = { file: fileName, source, severity: doc.document.aggregate_severity?.text, tree };
  return {
    source: 'msrc-csaf',
    documentId: tracking.id,
    title: doc.document.title ?? undefined,
    releasedAt: optionalInstant(
      tracking.current_release_date,
      fileName,
      'document.tracking.current_release_date',
      false,
    ),
    revision: tracking.version ?? undefined,
    products: [...tree.products.values()],
    vulnerabilities: (doc.vulnerabilities ?? []).map((raw, index) => mapVulnerability(raw, index, context)),
    kev: [],
    epss: [],
  };
}
