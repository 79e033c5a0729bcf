import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import type { LogEvent } from '../events/model';
import { insertBlocks, packEvents } from '../events/queries';
import { publishStoredEvents } from '../events/subscribers';
import { sourceForToken } from './sources-service';
import { emptyStats, registerStats } from './stats';
import { rawJson, windowsEventFromJson } from './windows-json';

export const MAX_BATCH_LINES = 10_000;
export const INGEST_BODY_LIMIT = 16 * 1024 * 1024;

// The HTTP ingest's counters, shown beside the syslog receivers'.
const httpStats = emptyStats('http', '/api/ingest/events');
registerStats(httpStats);

/** `Authorization: ApiKey <token>` (Beats' api_key style) or `X-Canhgac-Token: <token>`. */
export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('ApiKey ')) return auth.slice(7).trim();
  const direct = headers['x-canhgac-token'];
  return typeof direct === 'string' ? direct.trim() : undefined;
}

/** NDJSON text, or (sent as application/json) one event object or an array of them. */
export function parseNdjson(body: unknown, receivedAt: Date, offset: number): LogEvent[] {
  if (typeof body !== 'string') {
    const docs = Array.isArray(body) ? body : body === undefined || body === null ? [] : [body];
    if (docs.length > MAX_BATCH_LINES) throw new AppError('INGEST_BATCH_TOO_LARGE', { max: MAX_BATCH_LINES });
    return docs.map((d) => windowsEventFromJson(d, receivedAt, offset));
  }
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > MAX_BATCH_LINES) throw new AppError('INGEST_BATCH_TOO_LARGE', { max: MAX_BATCH_LINES });
  const out: LogEvent[] = [];
  for (const line of lines) {
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      out.push(rawJson(line, receivedAt, 'line is not JSON'));
      continue;
    }
    // Elasticsearch _bulk action lines ({"index":{}} / {"create":{}}) carry no event.
    if (
      doc &&
      typeof doc === 'object' &&
      Object.keys(doc).length === 1 &&
      ('index' in doc || 'create' in doc)
    )
      continue;
    out.push(windowsEventFromJson(doc, receivedAt, offset));
  }
  return out;
}

/**
 * Stores one NDJSON batch from an HTTP source, all or nothing, and answers only after the commit:
 * a 2xx means every line is durable (lines that are not events are stored as raw and counted).
 */
export async function ingestBatch(ctx: Ctx, token: string | undefined, body: unknown) {
  const source = await sourceForToken(ctx, token);
  const receivedAt = new Date();
  const parsed = parseNdjson(body, receivedAt, source.tzOffsetMinutes);
  httpStats.received += parsed.length;
  const rows = parsed.map((e) => ({ ...e, unitId: source.unitId, sourceId: source.id, senderIp: ctx.ip }));
  // Packing (JSON + deflate) before the transaction, as the syslog pipeline does: the connection is not
  // held while zlib runs.
  const blocks = await packEvents(rows);
  const ids = await ctx.db.transaction(async (tx) => insertBlocks(tx, blocks, rows.length));
  const raw = parsed.filter((e) => e.parseError).length;
  httpStats.stored += ids.length;
  httpStats.raw += raw;
  await publishStoredEvents(
    rows.map((r, i) => ({ ...r, id: ids[i]! })),
    ctx.log,
  );
  return { accepted: ids.length, raw };
}
