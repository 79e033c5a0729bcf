import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likeContains, likePrefix } from '../units/queries';
import type { AdvisoryDocumentQuery, VulnerabilityQuery } from './contract';
import { advisoryDocuments, epssScores, vulnerabilities, vulnerabilitySources } from './schema';

export async function listDocuments(db: Executor, query: AdvisoryDocumentQuery) {
  const where = query.source ? eq(advisoryDocuments.source, query.source) : undefined;
  const items = await db
    .select({
      id: advisoryDocuments.id,
      source: advisoryDocuments.source,
      documentId: advisoryDocuments.documentId,
      title: advisoryDocuments.title,
      releasedAt: advisoryDocuments.releasedAt,
      revision: advisoryDocuments.revision,
      vulnerabilityCount: advisoryDocuments.vulnerabilityCount,
      importedAt: advisoryDocuments.importedAt,
    })
    .from(advisoryDocuments)
    .where(where)
    .orderBy(desc(advisoryDocuments.releasedAt), asc(advisoryDocuments.documentId))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(advisoryDocuments).where(where);
  return { items, total };
}

const summaryColumns = {
  cve: vulnerabilities.cve,
  title: vulnerabilities.title,
  severity: vulnerabilities.severity,
  cvssScore: vulnerabilities.cvssScore,
  exploited: vulnerabilities.exploited,
  kevDueDate: vulnerabilities.kevDueDate,
  epss: epssScores.epss,
  publishedAt: vulnerabilities.publishedAt,
  updatedAt: vulnerabilities.updatedAt,
};

export async function listVulnerabilityRows(db: Executor, query: VulnerabilityQuery) {
  const filters: (SQL | undefined)[] = [
    query.q
      ? or(
          ilike(vulnerabilities.cve, likePrefix(query.q.toUpperCase())),
          ilike(vulnerabilities.title, likeContains(query.q)),
        )
      : undefined,
    query.exploited === undefined ? undefined : eq(vulnerabilities.exploited, query.exploited),
    query.severity ? ilike(vulnerabilities.severity, query.severity) : undefined,
  ];
  const where = and(...filters);
  const items = await db
    .select(summaryColumns)
    .from(vulnerabilities)
    .leftJoin(epssScores, eq(epssScores.cve, vulnerabilities.cve))
    .where(where)
    .orderBy(
      desc(vulnerabilities.exploited),
      sql`${vulnerabilities.cvssScore} desc nulls last`,
      desc(vulnerabilities.cve),
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(vulnerabilities).where(where);
  return { items, total };
}

export async function findVulnerability(db: Executor, cve: string) {
  const [row] = await db
    .select({
      ...summaryColumns,
      description: vulnerabilities.description,
      cvssVector: vulnerabilities.cvssVector,
      publiclyDisclosed: vulnerabilities.publiclyDisclosed,
      kevDateAdded: vulnerabilities.kevDateAdded,
      kevRansomware: vulnerabilities.kevRansomware,
      cwes: vulnerabilities.cwes,
      epssPercentile: epssScores.percentile,
    })
    .from(vulnerabilities)
    .leftJoin(epssScores, eq(epssScores.cve, vulnerabilities.cve))
    .where(eq(vulnerabilities.cve, cve));
  if (!row) return undefined;
  const sources = await db
    .select({
      source: vulnerabilitySources.source,
      documentId: vulnerabilitySources.documentId,
      record: vulnerabilitySources.record,
      updatedAt: vulnerabilitySources.updatedAt,
    })
    .from(vulnerabilitySources)
    .where(eq(vulnerabilitySources.cve, cve));
  return { ...row, sources };
}
