import { createHash } from 'node:crypto';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { enqueueJob } from '../jobs/service';
import { replaceC2rChannels } from './c2r-queries';
import { parseFeed } from './feeds/detect';
import { VULNS_REMATCH } from './jobs';
import { kevAsRecord, mergeVulnerability } from './merge';
import { FeedParseError, type ParsedFeed, type Vulnerability } from './model';
import {
  findDocument,
  listDocumentCves,
  loadSourceRecords,
  recordFeedImport,
  replaceDocumentRecords,
  saveDocument,
  upsertEpss,
  upsertMerged,
} from './queries';

export type FeedFile = { name: string; content: Buffer };
export type FeedImportOutcome = 'created' | 'updated' | 'unchanged' | 'older';
export type FeedImportResult = {
  file: string;
  source: ParsedFeed['source'];
  documentId: string;
  outcome: FeedImportOutcome;
  counts: { vulnerabilities: number; kev: number; epss: number; c2rBuilds: number };
  /** Records left out, with why (MSRC's own 2024-Feb carries the id "CVE-2024-21626M"). */
  warnings: string[];
};

export type FeedImportOptions = {
  /**
   * false: the caller queues one re-match after many imports (the online sync imports page after page
   * and would otherwise queue a re-match for each).
   */
  queueRematch?: boolean;
};

/** True when an import created or revised advisories (EPSS scores alone change no match). */
export function changesMatching(results: FeedImportResult[]): boolean {
  return results.some((r) => r.source !== 'epss' && (r.outcome === 'created' || r.outcome === 'updated'));
}

type Parsed = { file: FeedFile; feed: ParsedFeed; sha256: string; warnings: string[] };

function parseAll(files: FeedFile[]): Parsed[] {
  return files.map((file) => {
    const warnings: string[] = [];
    try {
      // A record with an invalid CVE id is left out and reported, not allowed to sink a whole month of
      // Microsoft's data; every other defect fails the import.
      const feed = parseFeed(file.content, file.name, {
        onInvalidCveId: (error) => warnings.push(`${error.where}: ${error.reason}`),
      });
      return { file, feed, sha256: createHash('sha256').update(file.content).digest('hex'), warnings };
    } catch (error) {
      if (error instanceof FeedParseError) {
        throw new AppError('FEED_PARSE_FAILED', {
          file: error.file,
          where: error.where,
          reason: error.reason,
        });
      }
      throw new AppError('FEED_PARSE_FAILED', {
        file: file.name,
        where: '-',
        reason: (error as Error).message,
      });
    }
  });
}

function recordsOf(feed: ParsedFeed): (Vulnerability & { kev?: unknown })[] {
  return feed.source === 'kev' ? feed.kev.map(kevAsRecord) : feed.vulnerabilities;
}

/**
 * Imports advisory files carried in by hand (air-gapped first). Every file is parsed before anything is
 * written, and the whole import is one transaction: one bad file changes nothing (the rule).
 * A document already imported with the same bytes is 'unchanged'; an older revision is kept out ('older').
 */
export async function importFeedFiles(
  ctx: Ctx,
  files: FeedFile[],
  options: FeedImportOptions = {},
): Promise<FeedImportResult[]> {
  const parsed = parseAll(files);
  return inTransaction(ctx, async (tx) => {
    const results: FeedImportResult[] = [];
    for (const { file, feed, sha256, warnings } of parsed) {
      const counts = {
        vulnerabilities: feed.vulnerabilities.length,
        kev: feed.kev.length,
        epss: feed.epss.length,
        c2rBuilds: feed.c2rBuilds?.length ?? 0,
      };
      const existing = await findDocument(tx.db, feed.source, feed.documentId);
      let outcome: FeedImportOutcome = existing ? 'updated' : 'created';
      if (existing?.sha256 === sha256) outcome = 'unchanged';
      else if (existing?.releasedAt && feed.releasedAt && existing.releasedAt > feed.releasedAt)
        outcome = 'older';
      if (outcome === 'created' || outcome === 'updated') {
        await storeFeed(tx, feed, sha256);
      }
      await recordFeedImport(tx.db, {
        source: feed.source,
        documentId: feed.documentId,
        fileName: file.name,
        sha256,
        revision: feed.revision ?? null,
        releasedAt: feed.releasedAt ?? null,
        outcome,
        counts,
        importedBy: ctx.actor.name,
      });
      await recordAudit(tx, {
        action: 'feed.import',
        targetType: 'advisory_document',
        targetId: `${feed.source}:${feed.documentId}`,
        unitId: null,
        details: { file: file.name, outcome, revision: feed.revision, ...counts, warnings },
      });
      results.push({
        file: file.name,
        source: feed.source,
        documentId: feed.documentId,
        outcome,
        counts,
        warnings,
      });
    }
    // New or revised advisories change who is affected: re-match every host in the background.
    if (options.queueRematch !== false && changesMatching(results)) {
      await enqueueJob(tx, { kind: VULNS_REMATCH, payload: {} });
    }
    return results;
  });
}

async function storeFeed(tx: Ctx, feed: ParsedFeed, sha256: string): Promise<void> {
  if (feed.source === 'epss') {
    await upsertEpss(tx.db, feed.epss, feed.scoreDate ?? feed.documentId.replace(/^epss:/, ''));
    await saveDocument(tx.db, feed, sha256, feed.epss.length);
    return;
  }
  if (feed.source === 'c2r-builds') {
    await replaceC2rChannels(tx.db, feed.documentId, feed.c2rBuilds ?? []);
    await saveDocument(tx.db, feed, sha256, feed.c2rBuilds?.length ?? 0);
    return;
  }
  const records = recordsOf(feed);
  // A revision may drop a CVE (KEV removals happen): its merged row must be recomputed too.
  const previous = await listDocumentCves(tx.db, feed.source, feed.documentId);
  await replaceDocumentRecords(tx.db, feed.source, feed.documentId, records);
  await saveDocument(tx.db, feed, sha256, records.length);
  const cves = [...new Set([...previous, ...records.map((r) => r.cve)])];
  const byCve = await loadSourceRecords(tx.db, cves);
  await upsertMerged(
    tx.db,
    cves.map((cve) => mergeVulnerability(cve, byCve.get(cve) ?? [])),
  );
}
