import { createHash } from 'node:crypto';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { loadUnitInScope } from '../units/service';
import type { StoredFile } from './contract';
import { claimedKind, detectFileKind, type FileKind } from './file-kind';
import { findStoredFileContent, findStoredFileMeta, insertStoredFile } from './queries';

/** 25 MB: a scanned dispatch or a log excerpt fits; a disk image does not belong here. */
export const MAX_STORED_FILE_BYTES = 25 * 1024 * 1024;

export type FileInput = { name: string; content: Buffer };
export type StoreOptions = {
  /** The kinds this use accepts (e.g. evidence: anything; a directive document: pdf, docx, images). */
  allowed: readonly FileKind[];
  maxBytes?: number;
};

/** Keeps the last path segment, drops control characters, caps the length: a name, never a path. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const clean = base.replace(/[\x00-\x1f\x7f]/g, '').trim();
  return (clean || 'tep').slice(0, 200);
}

/** Checks size and kind by content; throws a clear error and stores nothing when the file is refused. */
export async function checkFile(file: FileInput, options: StoreOptions): Promise<FileKind> {
  const maxBytes = options.maxBytes ?? MAX_STORED_FILE_BYTES;
  if (file.content.length === 0) throw new AppError('FILE_EMPTY', { file: file.name });
  if (file.content.length > maxBytes) {
    throw new AppError('FILE_TOO_LARGE', { file: file.name, maxMb: Math.floor(maxBytes / 1024 / 1024) });
  }
  const kind = await detectFileKind(file.content);
  const claimed = claimedKind(file.name);
  if (claimed && claimed !== kind)
    throw new AppError('FILE_TYPE_MISMATCH', { file: file.name, claimed, kind });
  if (!options.allowed.includes(kind)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', {
      file: file.name,
      kind,
      allowed: options.allowed.join(', '),
    });
  }
  return kind;
}

/**
 * Stores one file for a unit, in the caller's transaction (pass the transaction's ctx), with its
 * SHA-256 and an audit row. Uploads are data: nothing stored here is ever executed or rendered.
 */
export async function storeFile(
  ctx: Ctx,
  unitId: string,
  file: FileInput,
  options: StoreOptions,
): Promise<StoredFile> {
  await loadUnitInScope(ctx, unitId);
  const kind = await checkFile(file, options);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const stored = await insertStoredFile(ctx.db, {
    unitId,
    name: cleanFileName(file.name),
    kind,
    size: file.content.length,
    sha256,
    content: file.content,
    createdBy: ctx.actor.name,
  });
  await recordAudit(ctx, {
    action: 'file.store',
    unitId,
    targetType: 'file',
    targetId: stored.id,
    details: { name: stored.name, kind, size: stored.size, sha256 },
  });
  return stored;
}

/** The metadata of a file the caller may see: FILE_NOT_FOUND, or SCOPE_FORBIDDEN as for every unit's data. */
export async function getStoredFile(ctx: Ctx, id: string): Promise<StoredFile> {
  const row = await findStoredFileMeta(ctx.db, id);
  if (!row) throw new AppError('FILE_NOT_FOUND', { fileId: id });
  assertInScope(ctx, { id: row.unitId, path: row.unitPath });
  const { unitPath: _path, ...meta } = row;
  return meta;
}

export async function readStoredFile(ctx: Ctx, id: string): Promise<{ meta: StoredFile; content: Buffer }> {
  const meta = await getStoredFile(ctx, id);
  const content = await findStoredFileContent(ctx.db, id);
  if (!content) throw new AppError('FILE_NOT_FOUND', { fileId: id });
  return { meta, content };
}
