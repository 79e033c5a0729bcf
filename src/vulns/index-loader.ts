import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { loadC2rTable } from './c2r-queries';
import { buildMatchIndex, type MatchIndex } from './match/index';
import type { AdvisorySource, KevEntry, ParsedFeed, Vulnerability } from './model';
import { advisoryDocuments, vulnerabilitySources } from './schema';

// Sources the matcher reads: Microsoft's own documents, and KEV for the exploited flag.
const MATCH_SOURCES: AdvisorySource[] = ['msrc-cvrf', 'msrc-csaf', 'kev'];

/** jsonb gives dates back as strings; the matcher compares instants. */
function revive(record: Vulnerability): Vulnerability {
  return {
    ...record,
    publishedAt: record.publishedAt ? new Date(record.publishedAt) : undefined,
    updatedAt: record.updatedAt ? new Date(record.updatedAt) : undefined,
  };
}

/** Rebuilds the match index from the stored documents, as if their files had just been parsed. */
export async function loadMatchIndex(db: Executor): Promise<MatchIndex> {
  const documents = await db
    .select()
    .from(advisoryDocuments)
    .where(inArray(advisoryDocuments.source, MATCH_SOURCES));
  const records = await db
    .select({
      source: vulnerabilitySources.source,
      documentId: vulnerabilitySources.documentId,
      record: vulnerabilitySources.record,
    })
    .from(vulnerabilitySources)
    .where(inArray(vulnerabilitySources.source, MATCH_SOURCES));
  const feeds = new Map<string, ParsedFeed>();
  for (const doc of documents) {
    feeds.set(`${doc.source}\u0000${doc.documentId}`, {
      source: doc.source,
      documentId: doc.documentId,
      title: doc.title ?? undefined,
      releasedAt: doc.releasedAt ?? undefined,
      revision: doc.revision ?? undefined,
      products: doc.products,
      vulnerabilities: [],
      kev: [],
      epss: [],
    });
  }
  for (const row of records) {
    const feed = feeds.get(`${row.source}\u0000${row.documentId}`);
    if (!feed) continue;
    const kev = (row.record as Vulnerability & { kev?: KevEntry }).kev;
    if (row.source === 'kev' && kev) feed.kev.push(kev);
    else feed.vulnerabilities.push(revive(row.record));
  }
  return buildMatchIndex([...feeds.values()], { c2rTable: await loadC2rTable(db) });
}
