import JSZip from 'jszip';

/** What a stored file really is, read from its bytes. The name a user gave it is never trusted. */
export const FILE_KINDS = [
  'pdf',
  'docx',
  'xlsx',
  'zip',
  'png',
  'jpeg',
  'gif',
  'text',
  'evtx',
  'binary',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The media type each kind is served with. Text is always text/plain: an upload is never rendered as HTML. */
export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  text: 'text/plain; charset=utf-8',
  evtx: 'application/octet-stream',
  binary: 'application/octet-stream',
};

/** File name endings that claim a kind: a ".docx" that is not a DOCX is refused, not stored. */
const CLAIMED_BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  zip: 'zip',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  txt: 'text',
  csv: 'text',
  log: 'text',
  json: 'text',
  evtx: 'evtx',
};

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The kind a file name claims by its ending, or null when the ending claims nothing we know. */
export function claimedKind(name: string): FileKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return CLAIMED_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** Valid UTF-8 with no NUL and no control characters but tab, CR, LF, form feed and escape. */
function isText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
  return !/[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/.test(text);
}

/** Office Open XML files are ZIP archives told apart by the part their content types declare. */
async function zipKind(bytes: Uint8Array): Promise<FileKind> {
  try {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
    if (!zip.file('[Content_Types].xml')) return 'zip';
    if (zip.file('word/document.xml')) return 'docx';
    if (zip.file('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  } catch {
    return 'binary';
  }
}

/**
 * Reads the kind of a file from its first bytes (and, for ZIP, its directory).
 * @example await detectFileKind(Buffer.from('%PDF-1.7 …')) // 'pdf'
 */
export async function detectFileKind(bytes: Uint8Array): Promise<FileKind> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  // "ElfFile\0": the EVTX file header signature.
  if (startsWith(bytes, [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00])) return 'evtx';
  if (isText(bytes)) return 'text';
  return 'binary';
}
