import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import JSZip from 'jszip';
import { extract } from 'tar-stream';
import type { RuleRefusal, RuleUpload } from './rule-files';

/**
 * Rule archives (.zip, .tar.gz/.tgz) are read in memory: no entry is ever written to disk or run, so a
 * hostile name cannot land anywhere; names are still checked (no "..", no absolute path) because they
 * are shown and stored. Bounds: 1 MiB per rule file (loadSigmaYaml's own), 64 MiB and 20,000 entries
 * per archive, counted on the bytes actually inflated (a zip's declared sizes can lie).
 */
export const ARCHIVE_LIMITS = { entryBytes: 1024 * 1024, totalBytes: 64 * 1024 * 1024, entries: 20_000 };

export type ArchiveKind = 'zip' | 'tar.gz' | 'tar';
export type Unpacked = { files: RuleUpload[]; refused: RuleRefusal[]; skipped: number };

class ArchiveError extends Error {}

/** What the bytes are (never the name): zip "PK\3\4", gzip 1f 8b, a tar's "ustar" at 257. */
export function archiveKind(content: Buffer): ArchiveKind | undefined {
  if (content.length >= 4 && content.readUInt32BE(0) === 0x504b0304) return 'zip';
  if (content.length >= 2 && content[0] === 0x1f && content[1] === 0x8b) return 'tar.gz';
  if (content.length >= 262 && content.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

const RULE_NAME = /\.ya?ml$/i;

/** The entry's name if it is a rule file to read; throws on a name that climbs or is absolute. */
function ruleName(name: string): string | undefined {
  const clean = name.replaceAll('\\', '/');
  if (clean.startsWith('/') || /^[a-z]:/i.test(clean) || clean.split('/').includes('..')) {
    throw new ArchiveError(`unsafe entry name: ${name.slice(0, 200)}`);
  }
  const base = clean.split('/').pop() ?? '';
  if (!RULE_NAME.test(base) || base.startsWith('.') || clean.includes('__MACOSX/')) return undefined;
  return clean;
}

/** Reads the rule files out of an archive; everything else (README, LICENSE, tests) is skipped. */
export async function unpackRules(archiveName: string, content: Buffer): Promise<Unpacked> {
  const kind = archiveKind(content);
  try {
    if (kind === 'zip') return await unzip(content);
    if (kind === 'tar.gz' || kind === 'tar') return await untar(content, kind === 'tar.gz');
    throw new ArchiveError('not a .zip or .tar.gz archive');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { files: [], refused: [{ file: archiveName, reason: 'archive', detail }], skipped: 0 };
  }
}

function budget() {
  let total = 0;
  let entries = 0;
  return {
    entry() {
      if (++entries > ARCHIVE_LIMITS.entries)
        throw new ArchiveError(`more than ${ARCHIVE_LIMITS.entries} entries`);
    },
    add(bytes: number) {
      total += bytes;
      if (total > ARCHIVE_LIMITS.totalBytes) throw new ArchiveError('archive inflates beyond 64 MiB');
    },
  };
}

async function unzip(content: Buffer): Promise<Unpacked> {
  const zip = await JSZip.loadAsync(content, { createFolders: false });
  const out: Unpacked = { files: [], refused: [], skipped: 0 };
  const limits = budget();
  for (const entry of Object.values(zip.files)) {
    limits.entry();
    if (entry.dir) continue;
    // jszip already resolves "../" in names; the name as written in the archive is what we judge.
    const name = ruleName(entry.unsafeOriginalName ?? entry.name);
    if (!name) {
      out.skipped++;
      continue;
    }
    const bytes = await readZipEntry(entry, limits);
    if (bytes === undefined) out.refused.push(tooLarge(name));
    else out.files.push({ name, content: bytes });
  }
  return out;
}

async function untar(content: Buffer, gzipped: boolean): Promise<Unpacked> {
  const out: Unpacked = { files: [], refused: [], skipped: 0 };
  const limits = budget();
  const tar = extract();
  const source = Readable.from([content]);
  const input = gzipped ? source.pipe(createGunzip()) : source;
  input.on('error', (error) => tar.destroy(error));
  input.pipe(tar);
  for await (const entry of tar) {
    limits.entry();
    const name = entry.header.type === 'file' ? ruleName(entry.header.name) : undefined;
    if (!name) {
      if (entry.header.type === 'file') out.skipped++;
      entry.resume();
      continue;
    }
    const bytes = await readBounded(entry as AsyncIterable<Buffer>, limits);
    if (bytes === undefined) out.refused.push(tooLarge(name));
    else out.files.push({ name, content: bytes });
  }
  return out;
}

/** A zip entry inflated chunk by chunk, stopped at the per-file bound (jszip's stream is callback-style). */
function readZipEntry(
  entry: JSZip.JSZipObject,
  limits: ReturnType<typeof budget>,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        try {
          limits.add(chunk.length);
        } catch (error) {
          stream.pause();
          reject(error);
          return;
        }
        size += chunk.length;
        if (size > ARCHIVE_LIMITS.entryBytes) {
          stream.pause();
          resolve(undefined);
        } else chunks.push(chunk);
      })
      .on('error', (error: Error) => reject(error))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .resume();
  });
}

/** The entry's bytes, or undefined past the per-file bound (the rest of it is drained, still counted). */
async function readBounded(stream: AsyncIterable<Buffer>, limits: ReturnType<typeof budget>) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    limits.add(chunk.length);
    size += chunk.length;
    if (size <= ARCHIVE_LIMITS.entryBytes) chunks.push(chunk);
  }
  return size <= ARCHIVE_LIMITS.entryBytes ? Buffer.concat(chunks) : undefined;
}

function tooLarge(name: string): RuleRefusal {
  return { file: name, reason: 'too-large', detail: `over ${ARCHIVE_LIMITS.entryBytes} bytes` };
}
