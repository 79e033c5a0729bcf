import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../../../core/context';
import { changesMatching, type FeedFile, type FeedImportResult, importFeedFiles } from '../../feed-import';
import { findDocument } from '../../queries';
import type { SyncCounts, SyncRequest, SyncSource } from './contract';
import { fetchWithRetry, type RetryPolicy } from './fetch-retry';
import type { FeedHttpClient } from './http-client';
import { findCursor, findValidators, saveCursor, saveValidators } from './queries';
import type { ResolvedSyncSettings } from './settings';

/** A fetched resource and the validators to store once its content is safely imported. */
export type Fetched = { url: string; body: Buffer; etag: string | null; lastModified: string | null };

export type FetchOptions = {
  /** Send the stored ETag / Last-Modified; a 304 then gives undefined. Default true. */
  conditional?: boolean;
  headers?: Record<string, string>;
};

/** The most requests one source keeps in its log row (an NVD catch-up may make hundreds). */
const MAX_LOGGED_REQUESTS = 200;

export type SourceRunDeps = {
  ctx: Ctx;
  source: SyncSource;
  settings: ResolvedSyncSettings;
  client: FeedHttpClient;
  signal: AbortSignal;
  now: Date;
  retry: RetryPolicy;
  maxBytes: number;
};

/**
 * What a source's sync may do: fetch (guarded, capped, retried, conditional), hand bytes to the offline
 * import path, and keep its cursor. It also tallies the log row of this source for this run.
 */
export class SourceRun {
  readonly requests: SyncRequest[] = [];
  readonly counts: SyncCounts = {
    requests: 0,
    notModified: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    older: 0,
  };
  /** Some advisory (not only EPSS) was created or revised: the hosts need a re-match. */
  changedMatching = false;
  /** The first failure of a source that goes on with its other documents (months, CSAF files, CVEs). */
  firstError: unknown;

  constructor(readonly deps: SourceRunDeps) {}

  get baseUrl(): string {
    return this.deps.settings.sources[this.deps.source].baseUrl;
  }

  get settings(): ResolvedSyncSettings {
    return this.deps.settings;
  }

  get now(): Date {
    return this.deps.now;
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<Fetched | undefined> {
    const { ctx, source } = this.deps;
    const headers: Record<string, string> = { 'accept-encoding': 'identity', ...options.headers };
    if (options.conditional !== false) {
      const stored = await findValidators(ctx.db, source, url);
      if (stored?.etag) headers['if-none-match'] = stored.etag;
      if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    }
    const answer = await fetchWithRetry(this.deps.client, {
      url,
      headers,
      maxBytes: this.deps.maxBytes,
      signal: this.deps.signal,
      retry: this.deps.retry,
      onAttempt: (request) => {
        this.counts.requests += 1;
        if (this.requests.length < MAX_LOGGED_REQUESTS) this.requests.push(request);
      },
    });
    if (answer.status === 304) {
      this.counts.notModified += 1;
      return undefined;
    }
    return {
      url,
      body: answer.body,
      etag: answer.headers.etag ?? null,
      lastModified: answer.headers['last-modified'] ?? null,
    };
  }

  /**
   * The offline import path (parse everything, then one transaction), then the validators: stored only
   * after the import committed, so a failed import is fetched again next time instead of answered 304.
   */
  async importDocuments(files: FeedFile[], fetched: Fetched[] = []): Promise<FeedImportResult[]> {
    const results = files.length ? await importFeedFiles(this.deps.ctx, files, { queueRematch: false }) : [];
    for (const result of results) this.counts[result.outcome] += 1;
    if (changesMatching(results)) this.changedMatching = true;
    for (const item of fetched) await this.remember(item);
    return results;
  }

  async remember(fetched: Fetched): Promise<void> {
    if (fetched.etag === null && fetched.lastModified === null) return;
    await saveValidators(this.deps.ctx.db, {
      source: this.deps.source,
      url: fetched.url,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
    });
  }

  cursor(): Promise<string | undefined> {
    return findCursor(this.deps.ctx.db, this.deps.source);
  }

  setCursor(cursor: string): Promise<void> {
    return saveCursor(this.deps.ctx.db, this.deps.source, cursor);
  }

  /** When the stored copy of a document was released (undefined: never imported). */
  async storedReleaseOf(documentId: string): Promise<Date | null | undefined> {
    const found = await findDocument(this.deps.ctx.db, this.deps.source, documentId);
    return found === undefined ? undefined : found.releasedAt;
  }

  /** Runs fn for each item; a failing item is kept as firstError and the others still run. */
  async eachDocument<T>(items: T[], fn: (item: T) => Promise<void>): Promise<boolean> {
    let allDone = true;
    for (const item of items) {
      this.deps.signal.throwIfAborted();
      try {
        await fn(item);
      } catch (error) {
        if (this.deps.signal.aborted) throw error;
        this.firstError ??= error;
        allDone = false;
      }
    }
    return allDone;
  }

  pause(ms: number): Promise<void> {
    return ms > 0 ? sleep(ms, undefined, { signal: this.deps.signal }) : Promise.resolve();
  }
}
