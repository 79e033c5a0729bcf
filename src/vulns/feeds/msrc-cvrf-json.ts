/**
 * Reads the MSRC v3 API JSON form of a CVRF month into a `CvrfDocument`. Strings come wrapped in
 * {"Value": …} and types are numbers (VULNS.md §2.1): Threat 0 Impact, 1 Exploit Status, 3 Severity
 * (verified in Microsoft's PowerShell module); Remediation 0 Workaround, 1 Mitigation, 2 Vendor Fix,
 * 3 None Available, 4 Will Not Fix (CVRF 1.1 order); ProductStatus 3 Known Affected (unverified).
 */
import { z } from 'zod';
import type { SourceProduct } from '../model';
import type { CvrfDocument, CvrfVulnerability } from './msrc-cvrf-map';
import { checkShape } from './shared';

const Wrapped = z.object({ Value: z.string().nullish() }).nullish();
const Ids = z.array(z.union([z.string(), z.number()])).nullish();
const TypeCode = z.union([z.number(), z.string()]);
const Score = z.union([z.number(), z.string()]).nullish();

const Vulnerability = z.object({
  CVE: z.string(),
  Title: Wrapped,
  Notes: z.array(z.object({ Title: z.string().nullish(), Value: z.string().nullish() })).nullish(),
  CWE: z.array(z.object({ ID: z.string().nullish() })).nullish(),
  ProductStatuses: z.array(z.object({ Type: TypeCode, ProductID: Ids })).nullish(),
  Threats: z.array(z.object({ Type: TypeCode, Description: Wrapped, ProductID: Ids })).nullish(),
  CVSSScoreSets: z
    .array(z.object({ BaseScore: Score, TemporalScore: Score, Vector: z.string().nullish(), ProductID: Ids }))
    .nullish(),
  Remediations: z
    .array(
      z.object({
        Type: TypeCode,
        SubType: z.string().nullish(),
        Description: Wrapped,
        URL: z.string().nullish(),
        Supercedence: z.string().nullish(),
        FixedBuild: z.string().nullish(),
        RestartRequired: Wrapped,
        ProductID: Ids,
      }),
    )
    .nullish(),
  RevisionHistory: z.array(z.object({ Date: z.string().nullish() })).nullish(),
});

type BranchNode = {
  Name?: string | null;
  ProductID?: string | number | null;
  Value?: string | null;
  Items?: BranchNode[] | null;
};
const Branch: z.ZodType<BranchNode> = z.lazy(() =>
  z.object({
    Name: z.string().nullish(),
    ProductID: z.union([z.string(), z.number()]).nullish(),
    Value: z.string().nullish(),
    Items: z.array(Branch).nullish(),
  }),
);

const CvrfJson = z.object({
  DocumentTitle: Wrapped,
  DocumentTracking: z.object({
    Identification: z.object({ ID: Wrapped }),
    CurrentReleaseDate: z.string().nullish(),
    RevisionHistory: z.array(z.object({ Number: z.union([z.string(), z.number()]).nullish() })).nullish(),
  }),
  ProductTree: z
    .object({
      Branch: z.array(Branch).nullish(),
      FullProductName: z
        .array(z.object({ ProductID: z.union([z.string(), z.number()]), Value: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
  Vulnerability: z.array(z.unknown()).nullish(),
});

const THREAT_TYPES: Record<string, string> = {
  '0': 'Impact',
  '1': 'Exploit Status',
  '2': 'Target Set',
  '3': 'Severity',
};
const REMEDIATION_TYPES: Record<string, string> = {
  '0': 'Workaround',
  '1': 'Mitigation',
  '2': 'Vendor Fix',
  '3': 'None Available',
  '4': 'Will Not Fix',
};
// Only 3 is known from MSRC output; other codes are not guessed (they are skipped by the mapper).
const STATUS_TYPES: Record<string, string> = { '3': 'Known Affected' };

/** Numeric codes become the XML names; a name (some mirrors re-serialise XML to JSON) stays as is. */
function typeName(code: string | number, names: Record<string, string>): string {
  return typeof code === 'number' || /^\d+$/.test(code) ? (names[String(code)] ?? `code ${code}`) : code;
}

const ids = (list: (string | number)[] | null | undefined) => (list ?? []).map(String);
const value = (wrapped: { Value?: string | null } | null | undefined) => wrapped?.Value ?? undefined;

function readProducts(tree: z.infer<typeof CvrfJson>['ProductTree']): SourceProduct[] {
  const byId = new Map<string, SourceProduct>();
  const visit = (branch: BranchNode, family: string | undefined, depth: number) => {
    if (branch.ProductID !== undefined && branch.ProductID !== null) {
      const id = String(branch.ProductID);
      byId.set(id, { id, name: branch.Value ?? '', ...(family === undefined ? {} : { family }) });
    }
    // JSON branches carry no Type: the vendor is the root ("Microsoft"), its children the families.
    const childFamily = depth === 1 ? (branch.Name ?? family) : family;
    for (const item of branch.Items ?? []) visit(item, childFamily ?? undefined, depth + 1);
  };
  for (const branch of tree?.Branch ?? []) visit(branch, undefined, 0);
  for (const product of tree?.FullProductName ?? []) {
    const id = String(product.ProductID);
    if (!byId.has(id)) byId.set(id, { id, name: product.Value ?? '' });
  }
  return [...byId.values()];
}

function readVulnerability(raw: unknown, index: number, file: string): CvrfVulnerability {
  const where = `Vulnerability[${index}]`;
  const vulnerability = checkShape(Vulnerability, raw, file, where);
  const description = vulnerability.Notes?.find((note) => note.Title === 'Description')?.Value ?? undefined;
  return {
    where,
    cve: vulnerability.CVE,
    title: value(vulnerability.Title),
    description: description || undefined,
    cwes: (vulnerability.CWE ?? []).map((cwe) => cwe.ID).filter((id): id is string => typeof id === 'string'),
    statuses: (vulnerability.ProductStatuses ?? []).map((status) => ({
      type: typeName(status.Type, STATUS_TYPES),
      productIds: ids(status.ProductID),
    })),
    threats: (vulnerability.Threats ?? []).map((threat) => ({
      type: typeName(threat.Type, THREAT_TYPES),
      description: value(threat.Description) ?? '',
      productIds: ids(threat.ProductID),
    })),
    scores: (vulnerability.CVSSScoreSets ?? []).map((set) => ({
      baseScore: set.BaseScore ?? undefined,
      temporalScore: set.TemporalScore ?? undefined,
      vector: set.Vector ?? undefined,
      productIds: ids(set.ProductID),
    })),
    remediations: (vulnerability.Remediations ?? []).map((remediation) => ({
      type: typeName(remediation.Type, REMEDIATION_TYPES),
      subType: remediation.SubType ?? undefined,
      description: value(remediation.Description),
      url: remediation.URL ?? undefined,
      supercedence: remediation.Supercedence ?? undefined,
      fixedBuild: remediation.FixedBuild ?? undefined,
      restartRequired: value(remediation.RestartRequired),
      productIds: ids(remediation.ProductID),
    })),
    revisionDates: (vulnerability.RevisionHistory ?? [])
      .map((revision) => revision.Date)
      .filter((date): date is string => typeof date === 'string'),
  };
}

export function readCvrfJson(json: unknown, file: string): CvrfDocument {
  const doc = checkShape(CvrfJson, json, file);
  const revision = doc.DocumentTracking.RevisionHistory?.at(-1)?.Number;
  return {
    id: value(doc.DocumentTracking.Identification.ID),
    title: value(doc.DocumentTitle),
    currentReleaseDate: doc.DocumentTracking.CurrentReleaseDate ?? undefined,
    revision: revision === undefined || revision === null ? undefined : String(revision),
    products: readProducts(doc.ProductTree),
    vulnerabilities: (doc.Vulnerability ?? []).map((raw, index) => readVulnerability(raw, index, file)),
  };
}
