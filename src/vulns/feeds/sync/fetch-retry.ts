import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../core/errors';
import type { SyncRequest } from './contract';
import type { FeedHttpClient, HttpAnswer } from './http-client';

export type RetryPolicy = {
  /** Tries per URL, the first included. */
  attempts: number;
  /** Wait before the second try; doubled for each next one, with ±20 % jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };

/** Errors worth another try: the network, a slow or cut answer. Refusals and size caps are final. */
const RETRYABLE_CODES = new Set([
  'FEED_SYNC_NETWORK',
  'FEED_SYNC_TIMEOUT',
  'FEED_SYNC_TRUNCATED',
  'FEED_SYNC_CLOSED_EARLY',
]);
/** Server trouble and rate limits (NVD answers 503 and 429 when busy). */
const isRetryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

export type FetchRequest = {
  url: string;
  headers: Record<string, string>;
  maxBytes: number;
  signal: AbortSignal;
  retry: RetryPolicy;
  /** Called for every attempt, for the sync log. */
  onAttempt(request: SyncRequest): void;
};

/** GET with retries and backoff. Answers 200 or 304; anything else ends as a catalogued error. */
export async function fetchWithRetry(client: FeedHttpClient, request: FetchRequest): Promise<HttpAnswer> {
  for (let attempt = 1; ; attempt++) {
    request.signal.throwIfAborted();
    let retryAfterMs: number | undefined;
    let failure: AppError;
    try {
      const answer = await client.get(request.url, request);
      request.onAttempt({ url: request.url, attempt, status: answer.status, bytes: answer.body.length });
      if (answer.status === 200 || answer.status === 304) return answer;
      failure = new AppError('FEED_SYNC_HTTP_STATUS', { status: answer.status, url: request.url });
      if (!isRetryableStatus(answer.status)) throw failure;
      retryAfterMs = retryAfter(answer.headers['retry-after']);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'FEED_SYNC_HTTP_STATUS') throw error;
      request.onAttempt({ url: request.url, attempt, status: null, bytes: 0, error: error.code });
      if (!RETRYABLE_CODES.has(error.code)) throw error;
      failure = error;
    }
    if (attempt >= request.retry.attempts) throw failure;
    await sleep(backoff(request.retry, attempt, retryAfterMs), undefined, { signal: request.signal });
  }
}

function backoff(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = exponential * (0.8 + Math.random() * 0.4);
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After as seconds or an HTTP date; absent or unreadable gives undefined. */
function retryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
