import { ChunkXml } from './binxml';
import { crc32 } from './crc32';
import { Cursor, EvtxError } from './cursor';
import { type JsonValue, renderRecord } from './render';
import { filetimeToIso } from './values';

export type EvtxRecord = {
  recordId: number;
  /** The record header's write time (ISO, microseconds). */
  timestamp: string;
  /** `{ Event: { System: …, EventData: … } }` in the layout of SigmaHQ's regression JSON. */
  event: { [k: string]: JsonValue };
};

export type EvtxProblem = { chunk: number; record?: number; offset: number; reason: string };
export type EvtxResult = { records: EvtxRecord[]; problems: EvtxProblem[]; chunks: number };

const FILE_MAGIC = 'ElfFile\0';
const CHUNK_MAGIC = 'ElfChnk\0';
const CHUNK_SIZE = 65_536;
const HEADER_SIZE = 4096;

/**
 * Reads every record of an .evtx file. A damaged chunk (bad magic, bad header checksum, a record that
 * overruns) is reported in `problems` and skipped; the other chunks are still read. Chunks are found
 * by position, so a file cut short yields the records of its complete chunks and of the complete
 * records of the last one. Never throws on bad input.
 */
export function parseEvtx(bytes: Uint8Array): EvtxResult {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result: EvtxResult = { records: [], problems: [], chunks: 0 };
  if (buf.length < HEADER_SIZE || buf.toString('latin1', 0, 8) !== FILE_MAGIC) {
    result.problems.push({ chunk: -1, offset: 0, reason: 'not an EVTX file (no ElfFile header)' });
    return result;
  }
  for (let start = HEADER_SIZE, index = 0; start < buf.length; start += CHUNK_SIZE, index++) {
    if (start + 512 > buf.length) {
      result.problems.push({ chunk: index, offset: start, reason: 'file ends inside a chunk header' });
      break;
    }
    const end = Math.min(start + CHUNK_SIZE, buf.length);
    if (buf.toString('latin1', start, start + 8) !== CHUNK_MAGIC) {
      // Unused chunk slots at the end of a file are zero-filled: not a problem.
      if (buf.subarray(start, start + 8).some((b) => b !== 0)) {
        result.problems.push({ chunk: index, offset: start, reason: 'chunk without ElfChnk signature' });
      }
      continue;
    }
    result.chunks++;
    readChunk(buf, start, end, index, result);
  }
  return result;
}

/** The records of an .evtx file, skipping damaged parts (see parseEvtx for what was skipped). */
export function readEvtx(bytes: Uint8Array): EvtxRecord[] {
  return parseEvtx(bytes).records;
}

function readChunk(buf: Buffer, start: number, end: number, index: number, result: EvtxResult): void {
  const header = buf.subarray(start, start + 512);
  const expected = header.readUInt32LE(124);
  const actual = crc32(Buffer.concat([header.subarray(0, 120), header.subarray(128, 512)]));
  if (expected !== actual) {
    result.problems.push({ chunk: index, offset: start, reason: 'chunk header checksum mismatch' });
    return;
  }
  const freeOffset = header.readUInt32LE(48);
  if (start + freeOffset > end) {
    result.problems.push({
      chunk: index,
      offset: end,
      reason: `chunk cut short: ${end - start} of ${freeOffset} bytes`,
    });
  }
  const dataEnd = Math.min(start + Math.max(512, freeOffset), end);
  const xml = new ChunkXml(buf, start, end);
  let pos = start + 512;
  while (pos + 24 <= dataEnd) {
    const c = new Cursor(buf, pos, dataEnd);
    if (c.u32() !== 0x00002a2a) {
      result.problems.push({ chunk: index, offset: pos, reason: 'record without ** signature' });
      return;
    }
    const size = c.u32();
    const recordId = Number(c.u64());
    const written = c.u64();
    if (size < 28 || pos + size > dataEnd) {
      result.problems.push({
        chunk: index,
        record: recordId,
        offset: pos,
        reason: 'record overruns its chunk (truncated?)',
      });
      return;
    }
    try {
      const children = xml.record(pos + 24, pos + size - 4);
      result.records.push({ recordId, timestamp: filetimeToIso(written), event: renderRecord(children) });
    } catch (error) {
      if (!(error instanceof EvtxError || error instanceof RangeError)) throw error;
      result.problems.push({ chunk: index, record: recordId, offset: pos, reason: error.message });
    }
    pos += size;
  }
}
