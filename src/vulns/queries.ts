import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { MergedVulnerability, SourceRecord } from './merge';
import type { EpssScore, ParsedFeed, Vulnerability } from './model';
import { advisoryDocuments, epssScores, feedImports, vulnerabilities, vulnerabilitySources } from './schema';

const BATCH = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function findDocument(db: Executor, source: string, documentId: string) {
  const [row] = await db
    .select()
    .from(advisoryDocuments)
    .where(
      and(
        eq(advisoryDocuments.source, source as ParsedFeed['source']),
        eq(advisoryDocuments.documentId, documentId),
      ),
    );
  return row;
}

export async function saveDocument(
  db: Executor,
  feed: ParsedFeed,
  sha256: string,
  count: number,
): Promise<void> {
  const values = {
    source: feed.source,
    documentId: feed.documentId,
    title: feed.title ?? null,
    releasedAt: feed.releasedAt ?? null,
    revision: feed.revision ?? null,
    products: feed.products,
    sha256,
    vulnerabilityCount: count,
    importedAt: new Date(),
  };
  await db
    .insert(advisoryDocuments)
    .values(values)
    .onConflictDoUpdate({ target: [advisoryDocuments.source, advisoryDocuments.documentId], set: values });
}

export async function recordFeedImport(db: Executor, values: typeof feedImports.$inferInsert): Promise<void> {
  await db.insert(feedImports).values(values);
}

/** Replaces what one document says: a revised document may drop a CVE or a remediation. */
export async function replaceDocumentRecords(
  db: Executor,
  source: ParsedFeed['source'],
  documentId: string,
  records: (Vulnerability & { kev?: unknown })[],
): Promise<void> {
  await db
    .delete(vulnerabilitySources)
    .where(and(eq(vulnerabilitySources.source, source), eq(vulnerabilitySources.documentId, documentId)));
  for (const part of chunks(records, BATCH)) {
    await db.insert(vulnerabilitySources).values(
      part.map((record) => ({
        cve: record.cve,
        source,
        documentId,
        record: record as Vulnerability,
        updatedAt: new Date(),
      })),
    );
  }
}

export async function listDocumentCves(db: Executor, source: ParsedFeed['source'], documentId: string) {
  const rows = await db
    .select({ cve: vulnerabilitySources.cve })
    .from(vulnerabilitySources)
    .where(and(eq(vulnerabilitySources.source, source), eq(vulnerabilitySources.documentId, documentId)));
  return rows.map((r) => r.cve);
}

export async function loadSourceRecords(db: Executor, cves: string[]): Promise<Map<string, SourceRecord[]>> {
  const byCve = new Map<string, SourceRecord[]>();
  for (const part of chunks(cves, BATCH)) {
    const rows = await db
      .select({
        cve: vulnerabilitySources.cve,
        source: vulnerabilitySources.source,
        record: vulnerabilitySources.record,
      })
      .from(vulnerabilitySources)
      .where(inArray(vulnerabilitySources.cve, part));
    for (const row of rows) {
      const list = byCve.get(row.cve) ?? [];
      // jsonb returns dates as strings: the merge compares instants.
      const record = {
        ...row.record,
        publishedAt: row.record.publishedAt ? new Date(row.record.publishedAt) : undefined,
      };
      list.push({ source: row.source, record });
      byCve.set(row.cve, list);
    }
  }
  return byCve;
}

export async function upsertMerged(db: Executor, rows: MergedVulnerability[]): Promise<void> {
  for (const part of chunks(rows, BATCH)) {
    await db
      .insert(vulnerabilities)
      .values(part.map((r) => ({ ...r, updatedAt: new Date() })))
      .onConflictDoUpdate({
        target: vulnerabilities.cve,
        set: {
          title: sql`excluded.title`,
          description: sql`excluded.description`,
          severity: sql`excluded.severity`,
          cvssScore: sql`excluded.cvss_score`,
          cvssVector: sql`excluded.cvss_vector`,
          exploited: sql`excluded.exploited`,
          publiclyDisclosed: sql`excluded.publicly_disclosed`,
          kevDateAdded: sql`excluded.kev_date_added`,
          kevDueDate: sql`excluded.kev_due_date`,
          kevRansomware: sql`excluded.kev_ransomware`,
          cwes: sql`excluded.cwes`,
          publishedAt: sql`excluded.published_at`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}

/** Newer scores replace older ones; an older file never overwrites a newer day. */
export async function upsertEpss(db: Executor, scores: EpssScore[], scoreDate: string): Promise<void> {
  for (const part of chunks(scores, 2000)) {
    await db
      .insert(epssScores)
      .values(part.map((s) => ({ cve: s.cve, epss: s.epss, percentile: s.percentile ?? null, scoreDate })))
      .onConflictDoUpdate({
        target: epssScores.cve,
        set: {
          epss: sql`excluded.epss`,
          percentile: sql`excluded.percentile`,
          scoreDate: sql`excluded.score_date`,
        },
        setWhere: sql`excluded.score_date >= ${epssScores.scoreDate}`,
      });
  }
}
