import zlib from 'node:zlib';
import { Agent, type Dispatcher, Pool, ProxyAgent, request } from 'undici';
import { AppError } from '../../../core/errors';
import { type DestinationPolicy, guardedConnector, hostOf } from './guard';

export type HttpClientOptions = {
  policy: DestinationPolicy;
  /** http://host:port of the office proxy; every request then goes through a CONNECT tunnel. */
  proxyUrl?: string | null;
  /** "user:password" for the proxy's Basic authentication. */
  proxyAuth?: string | null;
  connectTimeoutMs: number;
  /** Longest wait for the answer's headers, and for the next piece of its body. */
  readTimeoutMs: number;
};

export type HttpAnswer = {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
};

export type FeedHttpClient = {
  get(url: string, options: GetOptions): Promise<HttpAnswer>;
  close(): Promise<void>;
};

export type GetOptions = {
  headers: Record<string, string>;
  maxBytes: number;
  signal: AbortSignal;
};

const MAX_REDIRECTS = 3;

/** One dispatcher per sync run, built from the settings; every connection goes through the guard. */
export function createFeedHttpClient(options: HttpClientOptions): FeedHttpClient {
  const connect = guardedConnector(options.policy, { timeout: options.connectTimeoutMs });
  const timeouts = { headersTimeout: options.readTimeoutMs, bodyTimeout: options.readTimeoutMs };
  const dispatcher: Dispatcher = options.proxyUrl
    ? new ProxyAgent({
        uri: options.proxyUrl,
        ...(options.proxyAuth ? { token: `Basic ${Buffer.from(options.proxyAuth).toString('base64')}` } : {}),
        // The connection to the proxy itself goes through the guard too (the proxy is a configured host).
        clientFactory: (origin, opts) => new Pool(origin, { ...opts, connect }),
        ...timeouts,
      })
    : new Agent({ connect, ...timeouts });
  return {
    get: (url, getOptions) =>
      getFollowingRedirects(dispatcher, options.policy, url, getOptions, options.readTimeoutMs),
    close: () => dispatcher.close(),
  };
}

async function getFollowingRedirects(
  dispatcher: Dispatcher,
  policy: DestinationPolicy,
  url: string,
  options: GetOptions,
  readTimeoutMs: number,
): Promise<HttpAnswer> {
  let current = url;
  for (let hop = 0; ; hop++) {
    // Checked here as well as at the socket: through a proxy, the target's socket is the proxy's.
    const host = hostOf(current);
    if (!policy.hosts.has(host)) throw new AppError('FEED_SYNC_HOST_NOT_CONFIGURED', { host });
    const answer = await getOnce(dispatcher, current, options, readTimeoutMs);
    const location = answer.headers.location;
    if (answer.status < 300 || answer.status >= 400 || answer.status === 304 || !location) return answer;
    if (hop === MAX_REDIRECTS) throw new AppError('FEED_SYNC_HTTP_STATUS', { status: answer.status, url });
    // The next hop is checked by the guard like the first: a redirect to an unconfigured host is refused.
    current = new URL(location, current).toString();
  }
}

async function getOnce(
  dispatcher: Dispatcher,
  url: string,
  options: GetOptions,
  readTimeoutMs: number,
): Promise<HttpAnswer> {
  let answer: Dispatcher.ResponseData;
  try {
    answer = await request(url, {
      dispatcher,
      method: 'GET',
      headers: { 'user-agent': 'canh-gac-feed-sync', ...options.headers },
      signal: options.signal,
    });
  } catch (error) {
    throw networkError(error, url, readTimeoutMs);
  }
  const headers = flatHeaders(answer.headers);
  const expected = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (expected !== undefined && expected > options.maxBytes) {
    answer.body.destroy();
    throw new AppError('FEED_SYNC_TOO_LARGE', { url, maxBytes: options.maxBytes });
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of answer.body) {
      received += (chunk as Buffer).length;
      if (received > options.maxBytes) {
        answer.body.destroy();
        throw new AppError('FEED_SYNC_TOO_LARGE', { url, maxBytes: options.maxBytes });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (expected !== undefined && received < expected) {
      throw new AppError('FEED_SYNC_TRUNCATED', { url, received, expected });
    }
    throw networkError(error, url, readTimeoutMs);
  }
  if (expected !== undefined && received !== expected) {
    throw new AppError('FEED_SYNC_TRUNCATED', { url, received, expected });
  }
  const body = decode(Buffer.concat(chunks), headers['content-encoding'], url, options.maxBytes);
  return { status: answer.statusCode, headers, body };
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** We ask for identity; a server that compresses anyway is decoded under the same size cap. */
function decode(body: Buffer, encoding: string | undefined, url: string, maxBytes: number): Buffer {
  const kind = encoding?.trim().toLowerCase();
  if (!kind || kind === 'identity') return body;
  try {
    const limits = { maxOutputLength: maxBytes };
    if (kind === 'gzip' || kind === 'x-gzip') return zlib.gunzipSync(body, limits);
    if (kind === 'deflate') return zlib.inflateSync(body, limits);
    if (kind === 'br') return zlib.brotliDecompressSync(body, limits);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('FEED_SYNC_TOO_LARGE', { url, maxBytes });
    throw new AppError('FEED_SYNC_BAD_ANSWER', { url, where: 'content-encoding', reason: String(error) });
  }
  throw new AppError('FEED_SYNC_BAD_ANSWER', { url, where: 'content-encoding', reason: kind });
}

/** Refusals keep their own code; undici's errors become a catalogued network or timeout error. */
function networkError(error: unknown, url: string, readTimeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof AppError) return cause;
  const code = (error as { code?: string }).code ?? '';
  // undici fails the whole request when the peer closes before the answer is complete and before it
  // handed us the headers: said as such, since a cut answer and a dropped connection look alike here.
  if (code === 'UND_ERR_SOCKET') return new AppError('FEED_SYNC_CLOSED_EARLY', { url });
  if (/TIMEOUT/.test(code) || (error as Error).name === 'TimeoutError') {
    return new AppError('FEED_SYNC_TIMEOUT', { url, seconds: Math.round(readTimeoutMs / 1000) });
  }
  const message = (error as Error).message ?? String(error);
  return new AppError('FEED_SYNC_NETWORK', { url, reason: code ? `${message} (${code})` : message });
}
