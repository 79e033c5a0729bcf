import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { EventFormat, LogEvent } from './model';

/**
 * How a block's events are packed (docs/decisions/007-event-blocks.md). Each event is one JSON array
 * in TUPLE order, the block a JSON array of those, as UTF-8:
 *   json          uncompressed (what the SQL migration writes when it packs old rows)
 *   json-deflate  the same through raw deflate, run by zlib on the libuv thread pool (second core)
 * Tuples instead of objects: no repeated key names, and the decoder rebuilds the object in one go.
 */
export const ENCODINGS = ['json', 'json-deflate'] as const;
export type BlockEncoding = (typeof ENCODINGS)[number];

/** The encoding new blocks get; chosen by bench/event-storage.bench.ts (decision 007). */
export const WRITE_ENCODING: BlockEncoding = 'json-deflate';
/** Fastest level: level 6 saves ~15 % more bytes for 2-3x the compression CPU (measured). */
const DEFLATE_LEVEL = 1;

/** One event inside a block; unit and source belong to the block, the id to its position. */
export type PackedEvent = LogEvent & { senderIp: string | null };

type Tuple = [
  time: number,
  receivedAt: number,
  senderIp: string | null,
  host: string | null,
  app: string | null,
  facility: number | null,
  severity: number | null,
  format: string,
  message: string,
  fields: Record<string, unknown>,
  rawBase64: string | null,
  parseError: string | null,
];

const NEEDS_CLEANING = /\\u(?:0000|d[89a-f])/i;
const BAD_CHARS = /[\0\uD800-\uDFFF]/;

/** NUL and lone surrogates → U+FFFD (what PostgreSQL text and the console can hold). */
export function cleanText(text: string): string {
  if (!BAD_CHARS.test(text)) return text;
  const wellFormed = (text as string & { toWellFormed(): string }).toWellFormed();
  return wellFormed.replaceAll('\0', '\uFFFD');
}

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);

export class CorruptBlockError extends Error {
  constructor(
    readonly blockId: number,
    reason: string,
  ) {
    super(`event block ${blockId} cannot be decoded: ${reason}`);
  }
}

function tupleOf(e: PackedEvent): Tuple {
  return [
    e.time.getTime(),
    e.receivedAt.getTime(),
    e.senderIp,
    e.host,
    e.app,
    e.facility,
    e.severity,
    e.format,
    e.message,
    e.fields,
    e.raw ? Buffer.from(e.raw.buffer, e.raw.byteOffset, e.raw.byteLength).toString('base64') : null,
    e.parseError,
  ];
}

/** One event's tuple as JSON, with its (already checked) time and arrival time: what a block holds. */
export function tupleJson(e: PackedEvent, time: number, receivedAt: number): string {
  const tuple = tupleOf(e);
  tuple[0] = time;
  tuple[1] = receivedAt;
  return JSON.stringify(tuple);
}

/** The block's JSON text as UTF-8, with NUL and lone surrogates cleaned (see encodeBlock). */
export function encodeBlockText(tuples: readonly unknown[]): Buffer {
  let text = JSON.stringify(tuples);
  // NUL and lone surrogates (from UTF-16 or JSON input) become U+FFFD, as they did when PostgreSQL text
  // refused them: what the console, the API and the CLI show stays the same. JSON.stringify writes them
  // as \u escapes, so one scan of the block's text tells whether the slower second pass is needed.
  if (NEEDS_CLEANING.test(text))
    text = JSON.stringify(tuples, (_k, v) => (typeof v === 'string' ? cleanText(v) : v));
  return Buffer.from(text, 'utf8');
}

export async function encodeBlock(
  events: readonly PackedEvent[],
  encoding: BlockEncoding = WRITE_ENCODING,
): Promise<Uint8Array> {
  return compressBlock(encodeBlockText(events.map(tupleOf)), encoding);
}

/** A block's JSON bytes as stored under `encoding` (deflate runs on the libuv pool). */
export async function compressBlock(json: Buffer, encoding: BlockEncoding): Promise<Uint8Array> {
  return encoding === 'json' ? json : deflateRaw(json, { level: DEFLATE_LEVEL });
}

const isNullableString = (v: unknown) => v === null || typeof v === 'string';
const isNullableNumber = (v: unknown) => v === null || typeof v === 'number';

/** A decoded tuple, its shape checked (the read side filters on these before building events). */
export type EventTuple = Tuple;

function checkTuple(t: unknown, blockId: number, index: number): asserts t is Tuple {
  if (
    !Array.isArray(t) ||
    t.length !== 12 ||
    typeof t[0] !== 'number' ||
    typeof t[1] !== 'number' ||
    !isNullableString(t[2]) ||
    !isNullableString(t[3]) ||
    !isNullableString(t[4]) ||
    !isNullableNumber(t[5]) ||
    !isNullableNumber(t[6]) ||
    typeof t[7] !== 'string' ||
    typeof t[8] !== 'string' ||
    typeof t[9] !== 'object' ||
    t[9] === null ||
    !isNullableString(t[10]) ||
    !isNullableString(t[11])
  )
    throw new CorruptBlockError(blockId, `event ${index} is not a valid tuple`);
}

/** The event a checked tuple holds (Dates and the raw bytes are built here, so only for kept events). */
export function eventOfTuple(t: Tuple): PackedEvent {
  return {
    time: new Date(t[0]),
    receivedAt: new Date(t[1]),
    senderIp: t[2],
    host: t[3],
    app: t[4],
    facility: t[5],
    severity: t[6],
    format: t[7] as EventFormat,
    message: t[8],
    fields: t[9],
    raw: t[10] === null ? null : new Uint8Array(Buffer.from(t[10], 'base64')),
    parseError: t[11],
  };
}

/**
 * A block's JSON text as UTF-8 bytes (inflated on the libuv pool for json-deflate). The read side
 * looks for a filter's needles in these bytes before paying for JSON.parse (block-search.ts).
 */
export async function blockJson(blockId: number, encoding: string, data: Uint8Array): Promise<Buffer> {
  if (encoding === 'json') return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (encoding !== 'json-deflate') throw new CorruptBlockError(blockId, `unknown encoding ${encoding}`);
  try {
    return await inflateRaw(data);
  } catch (error) {
    throw new CorruptBlockError(blockId, (error as Error).message);
  }
}

/** The tuples of a block's JSON text, every one shape-checked; throws CorruptBlockError. */
export function tuplesOf(blockId: number, json: Buffer, expectedCount: number): Tuple[] {
  let tuples: unknown;
  try {
    tuples = JSON.parse(json.toString('utf8'));
  } catch (error) {
    throw new CorruptBlockError(blockId, (error as Error).message);
  }
  if (!Array.isArray(tuples)) throw new CorruptBlockError(blockId, 'not an array');
  if (tuples.length !== expectedCount)
    throw new CorruptBlockError(blockId, `${tuples.length} events, the block says ${expectedCount}`);
  for (let i = 0; i < tuples.length; i++) checkTuple(tuples[i], blockId, i);
  return tuples as Tuple[];
}

/** Every event of a block, in stored order; a block that does not decode throws CorruptBlockError. */
export async function decodeBlock(
  blockId: number,
  encoding: string,
  data: Uint8Array,
  expectedCount: number,
): Promise<PackedEvent[]> {
  return tuplesOf(blockId, await blockJson(blockId, encoding, data), expectedCount).map(eventOfTuple);
}

/** Event ids: the block id times 65,536 plus the event's index; safe integers up to block 2^37. */
export const EVENTS_PER_BLOCK = 65_536;
const MAX_BLOCK_ID = Math.floor(Number.MAX_SAFE_INTEGER / EVENTS_PER_BLOCK);

export function eventId(blockId: number, index: number): number {
  if (blockId > MAX_BLOCK_ID) throw new Error('event block id beyond the safe-integer event id range');
  return blockId * EVENTS_PER_BLOCK + index;
}

export function splitEventId(id: number): { blockId: number; index: number } | undefined {
  if (!Number.isSafeInteger(id) || id < 0) return undefined;
  return { blockId: Math.floor(id / EVENTS_PER_BLOCK), index: id % EVENTS_PER_BLOCK };
}
