/**
 * FIRST EPSS daily scores, in its three layouts (VULNS.md §2.6): 2021-04 `cve,epss`; 2021-09 adds
 * `percentile`; 2022 on, a first line `#model_version:…,score_date:…`. Files come gzipped (`.csv.gz`).
 * About 250k rows a day: read with a plain line loop (no quoting occurs in EPSS files, and a
 * general CSV parser is several times slower on this size).
 */
import { gunzipSync } from 'node:zlib';
import { type EpssScore, FeedParseError, type ParsedFeed } from '../model';
import {
  acceptCveId,
  checkSize,
  DEFAULT_MAX_INPUT_BYTES,
  type FeedInput,
  type RecordOptions,
} from './shared';

export type EpssParseOptions = RecordOptions & {
  /** Compressed (or plain) input cap, default 64 MB. */
  maxBytes?: number;
  /** Cap on the gunzipped text, default 512 MB: a gzip bomb stops there instead of filling memory. */
  maxDecompressedBytes?: number;
};

const DEFAULT_MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

/** Gzip's magic number 1f 8b; anything else is read as text. */
export function isGzip(input: FeedInput): boolean {
  return typeof input !== 'string' && input.length >= 2 && input[0] === 0x1f && input[1] === 0x8b;
}

function decode(input: FeedInput, file: string, maxDecompressed: number): string {
  if (typeof input === 'string') return input;
  if (!isGzip(input)) return input.toString('utf8');
  try {
    return gunzipSync(input, { maxOutputLength: maxDecompressed }).toString('utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ERR_BUFFER_TOO_LARGE' || /larger than|too large/i.test((error as Error).message)
        ? `the decompressed file is over the limit of ${maxDecompressed} bytes`
        : `the gzip data is damaged (${(error as Error).message})`;
    throw new FeedParseError(file, 'input', reason);
  }
}

/** "#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000" → its key/value pairs. */
function readComment(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of line.slice(1).split(',')) {
    const colon = part.indexOf(':');
    if (colon > 0) fields[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
  }
  return fields;
}

function probability(text: string | undefined, file: string, where: string, column: string): number {
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!(value >= 0 && value <= 1)) {
    throw new FeedParseError(file, where, `${column} "${text ?? ''}" is not a number between 0 and 1`);
  }
  return value;
}

function scoreDateOf(comment: Record<string, string>, fileName: string): string | undefined {
  const fromComment = /^\d{4}-\d{2}-\d{2}/.exec(comment.score_date ?? '')?.[0];
  return fromComment ?? /epss_scores-(\d{4}-\d{2}-\d{2})/.exec(fileName)?.[1];
}

/**
 * Parses one EPSS scores file (gzipped or plain).
 * @example
 * parseEpss(readFileSync('epss_scores-2023-03-07.csv.gz'), 'epss_scores-2023-03-07.csv.gz').documentId; // "epss:2023-03-07"
 */
export function parseEpss(input: FeedInput, fileName: string, options: EpssParseOptions = {}): ParsedFeed {
  checkSize(input, fileName, options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES);
  const text = decode(input, fileName, options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
  const lines = text.split('\n');
  let index = 0;
  const comment = lines[0]?.startsWith('#') ? readComment(lines[index++] ?? '') : {};
  const header = (lines[index++] ?? '').trim().replace(/^\uFEFF/, '');
  if (header !== 'cve,epss' && header !== 'cve,epss,percentile') {
    throw new FeedParseError(
      fileName,
      `line ${index}`,
      `expected the header "cve,epss[,percentile]", found "${header.slice(0, 60)}"`,
    );
  }
  const hasPercentile = header.endsWith(',percentile');
  const columns = hasPercentile ? 3 : 2;
  const scoreDate = scoreDateOf(comment, fileName);
  if (scoreDate === undefined) {
    throw new FeedParseError(
      fileName,
      'line 1',
      'no score date: neither a score_date comment nor epss_scores-YYYY-MM-DD in the name',
    );
  }
  const epss: EpssScore[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line === '' || line === '\r') continue;
    const where = `line ${index + 1}`;
    const cells = line.split(',');
    if (cells.length !== columns) {
      throw new FeedParseError(
        fileName,
        where,
        `expected ${columns} columns, found ${cells.length} (truncated file?)`,
      );
    }
    const cve = acceptCveId(cells[0], fileName, where, options);
    if (cve === undefined) continue;
    const score: EpssScore = { cve, epss: probability(cells[1], fileName, where, 'epss') };
    if (hasPercentile) score.percentile = probability(cells[2], fileName, where, 'percentile');
    epss.push(score);
  }
  return {
    source: 'epss',
    documentId: `epss:${scoreDate}`,
    releasedAt: new Date(`${scoreDate}T00:00:00Z`),
    products: [],
    vulnerabilities: [],
    kev: [],
    epss,
    scoreDate,
    ...(comment.model_version ? { modelVersion: comment.model_version } : {}),
  };
}
