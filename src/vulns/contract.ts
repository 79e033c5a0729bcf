import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';

export const ADVISORY_SOURCES = [
  'msrc-cvrf',
  'msrc-csaf',
  'kev',
  'nvd',
  'cve5',
  'epss',
  'c2r-builds',
] as const;
export const AdvisorySource = z.enum(ADVISORY_SOURCES);

export const FeedImportResult = z.object({
  file: z.string(),
  source: AdvisorySource,
  documentId: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'older']),
  counts: z.object({
    vulnerabilities: z.number().int(),
    kev: z.number().int(),
    epss: z.number().int(),
    c2rBuilds: z.number().int(),
  }),
  warnings: z.array(z.string()),
});
export const FeedImportResults = z.object({ results: z.array(FeedImportResult) });

export const AdvisoryDocument = z.object({
  id: z.uuid(),
  source: AdvisorySource,
  documentId: z.string(),
  title: z.string().nullable(),
  releasedAt: z.date().nullable(),
  revision: z.string().nullable(),
  vulnerabilityCount: z.number().int(),
  importedAt: z.date(),
});
export const AdvisoryDocumentQuery = PageQuery.extend({ source: AdvisorySource.optional() }).strict();
export type AdvisoryDocumentQuery = z.infer<typeof AdvisoryDocumentQuery>;
export const AdvisoryDocumentPage = pageOf(AdvisoryDocument);

export const CveId = z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'format.cve');

export const VulnerabilitySummary = z.object({
  cve: z.string(),
  title: z.string().nullable(),
  severity: z.string().nullable(),
  cvssScore: z.number().nullable(),
  exploited: z.boolean(),
  kevDueDate: z.string().nullable(),
  epss: z.number().nullable(),
  publishedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type VulnerabilitySummary = z.infer<typeof VulnerabilitySummary>;

export const VulnerabilityQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  exploited: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  severity: z.string().trim().max(20).optional(),
}).strict();
export type VulnerabilityQuery = z.infer<typeof VulnerabilityQuery>;
export const VulnerabilityPage = pageOf(VulnerabilitySummary);

export const VulnerabilityDetail = VulnerabilitySummary.extend({
  description: z.string().nullable(),
  cvssVector: z.string().nullable(),
  publiclyDisclosed: z.boolean().nullable(),
  kevDateAdded: z.string().nullable(),
  kevRansomware: z.boolean().nullable(),
  cwes: z.array(z.string()),
  epssPercentile: z.number().nullable(),
  /** What each source says, kept apart (sources disagree). */
  sources: z.array(
    z.object({ source: AdvisorySource, documentId: z.string(), record: z.unknown(), updatedAt: z.date() }),
  ),
});
export const CveParams = z.object({ cve: CveId }).strict();
