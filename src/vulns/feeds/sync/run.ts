import { type Ctx, inTransaction } from '../../../core/context';
import { AppError, formatMessage } from '../../../core/errors';
import { enqueueJob } from '../../../jobs/service';
import { VULNS_REMATCH } from '../../jobs';
import { DEFAULT_MAX_INPUT_BYTES } from '../shared';
import type { SyncCounts, SyncSource } from './contract';
import { DEFAULT_RETRY, type RetryPolicy } from './fetch-retry';
import { type DestinationPolicy, hostOf, refuseSpecialAddress } from './guard';
import { createFeedHttpClient } from './http-client';
import { insertLogRow, listAlertCves } from './queries';
import { loadSyncSettings, type ResolvedSyncSettings } from './settings';
import { SourceRun } from './source-run';
import { syncCve5 } from './sources/cve5';
import { syncMsrcCsaf } from './sources/msrc-csaf';
import { syncMsrcCvrf } from './sources/msrc-cvrf';
import { syncNvd } from './sources/nvd';
import { syncSingleFile } from './sources/single-file';

/** The network side of a run. Tests narrow it (loopback only, short timeouts, quick retries). */
export type SyncNetwork = {
  refuseAddress: DestinationPolicy['refuseAddress'];
  connectTimeoutMs: number;
  readTimeoutMs: number;
  retry: RetryPolicy;
  /** Between NVD requests: 5 per 30 s without a key, 50 with one (NVD's published limits). */
  nvdPauseMs: { withKey: number; withoutKey: number };
  /** The same cap as a carried-in file. */
  maxBytes: number;
};

export const DEFAULT_NETWORK: SyncNetwork = {
  refuseAddress: refuseSpecialAddress,
  connectTimeoutMs: 15_000,
  readTimeoutMs: 60_000,
  retry: DEFAULT_RETRY,
  nvdPauseMs: { withKey: 700, withoutKey: 6_500 },
  maxBytes: DEFAULT_MAX_INPUT_BYTES,
};

export type FeedSyncOptions = {
  /** Only these (still only if enabled in the settings); absent: every enabled source. */
  sources?: SyncSource[];
  jobId?: string | null;
  signal?: AbortSignal;
  network?: Partial<SyncNetwork>;
  now?: () => Date;
};

export type SourceOutcome = {
  source: SyncSource;
  status: 'imported' | 'unchanged' | 'failed';
  counts: SyncCounts;
  error?: { code: string; vi: string; en: string };
};

export type FeedSyncResult = { skipped?: 'disabled'; sources: SourceOutcome[]; rematchQueued: boolean };

type SourceSync = (run: SourceRun, network: SyncNetwork) => Promise<void>;

const SYNCS: Record<SyncSource, SourceSync> = {
  'msrc-cvrf': (run) => syncMsrcCvrf(run),
  'msrc-csaf': (run) => syncMsrcCsaf(run),
  kev: (run) => syncSingleFile(run),
  epss: (run) => syncSingleFile(run),
  nvd: (run, network) =>
    syncNvd(run, {
      pauseMs: run.settings.secrets.nvdApiKey ? network.nvdPauseMs.withKey : network.nvdPauseMs.withoutKey,
    }),
  cve5: async (run) => syncCve5(run, await listAlertCves(run.deps.ctx.db)),
};

/** The hosts this run may reach: the enabled sources' base URLs and the proxy, nothing else. */
function policyFor(
  settings: ResolvedSyncSettings,
  sources: SyncSource[],
  network: SyncNetwork,
): DestinationPolicy {
  const hosts = new Set(sources.map((s) => hostOf(settings.sources[s].baseUrl)));
  if (settings.proxyUrl) hosts.add(hostOf(settings.proxyUrl));
  return { hosts, refuseAddress: network.refuseAddress };
}

/**
 * One sync run: for each enabled source, fetch what changed and import it through the offline import
 * path, then write the source's log row. A failing source does not stop the others. Does nothing
 * (no request, no log row) while sync is off in the settings.
 */
export async function runFeedSync(ctx: Ctx, options: FeedSyncOptions = {}): Promise<FeedSyncResult> {
  const settings = await loadSyncSettings(ctx.db);
  if (!settings.enabled) return { skipped: 'disabled', sources: [], rematchQueued: false };
  const network = { ...DEFAULT_NETWORK, ...options.network };
  const wanted = options.sources ?? Object.keys(SYNCS);
  const sources = (Object.keys(SYNCS) as SyncSource[]).filter(
    (s) => settings.sources[s].enabled && wanted.includes(s),
  );
  const client = createFeedHttpClient({
    policy: policyFor(settings, sources, network),
    proxyUrl: settings.proxyUrl,
    proxyAuth: settings.secrets.proxyAuth,
    connectTimeoutMs: network.connectTimeoutMs,
    readTimeoutMs: network.readTimeoutMs,
  });
  const outcomes: SourceOutcome[] = [];
  let changedMatching = false;
  try {
    for (const source of sources) {
      const run = new SourceRun({
        ctx,
        source,
        settings,
        client,
        signal: options.signal ?? new AbortController().signal,
        now: options.now?.() ?? new Date(),
        retry: network.retry,
        maxBytes: network.maxBytes,
      });
      outcomes.push(await runSource(run, network, options.jobId ?? null));
      changedMatching ||= run.changedMatching;
    }
  } finally {
    await client.close();
    // One re-match for the whole run (the imports were told not to queue their own), failures included.
    if (changedMatching) await enqueueJob(ctx, { kind: VULNS_REMATCH, payload: {} });
  }
  return { sources: outcomes, rematchQueued: changedMatching };
}

async function runSource(run: SourceRun, network: SyncNetwork, jobId: string | null): Promise<SourceOutcome> {
  const { ctx, source } = run.deps;
  const startedAt = new Date();
  let error: unknown;
  try {
    await SYNCS[source](run, network);
    error = run.firstError;
  } catch (thrown) {
    if (run.deps.signal.aborted) throw thrown;
    error = thrown;
  }
  const failure = error === undefined ? undefined : asAppError(error, ctx);
  const changed = run.counts.created + run.counts.updated > 0;
  const status = failure ? 'failed' : changed ? 'imported' : 'unchanged';
  await inTransaction(ctx, (tx) =>
    insertLogRow(tx.db, {
      jobId,
      source,
      status,
      startedAt,
      finishedAt: new Date(),
      requests: run.requests,
      counts: run.counts,
      errorCode: failure?.code ?? null,
      errorParams: failure ? failure.params : null,
    }),
  );
  if (failure) ctx.log.warn({ source, code: failure.code, params: failure.params }, 'feed sync failed');
  return {
    source,
    status,
    counts: run.counts,
    ...(failure ? { error: messagesOf(failure.code, failure.params) } : {}),
  };
}

function asAppError(error: unknown, ctx: Ctx): AppError {
  if (error instanceof AppError) return error;
  // A bug, not a source's fault: the stack goes to the log, the sync log shows the request-id-free 500 text.
  ctx.log.error({ err: error }, 'feed sync crashed');
  return new AppError('INTERNAL', { requestId: ctx.requestId });
}

export function messagesOf(
  code: string,
  params: Record<string, unknown>,
): { code: string; vi: string; en: string } {
  const known = code as Parameters<typeof formatMessage>[0];
  return { code, vi: formatMessage(known, 'vi', params), en: formatMessage(known, 'en', params) };
}
