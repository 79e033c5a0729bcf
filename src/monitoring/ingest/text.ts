import { Buffer, isAscii } from 'node:buffer';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });
// windows-1258 is the legacy Vietnamese Windows code page; TCVN3 and VNI have no decoder anywhere,
// so their bytes are kept raw and shown through 1258 (a readable approximation, never the truth).
const legacy = legacyDecoder();

function legacyDecoder() {
  try {
    return new TextDecoder('windows-1258');
  } catch {
    return new TextDecoder('latin1');
  }
}

export type DecodedText = { text: string; valid: boolean };

// Most syslog is ASCII: then Latin-1 is UTF-8, and Node's latin1Slice builds the one-byte string in one
// copy without validating (isAscii is a SIMD scan). `latin1Slice` is Buffer's own, taken for Uint8Array.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string })
  .latin1Slice;

/** The bytes as UTF-8 text, or null when they are not valid UTF-8. A leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  if (latin1Slice && isAscii(bytes)) return latin1Slice.call(bytes, 0, bytes.length);
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes bytes as UTF-8; invalid input falls back to a legacy code page and says so. Never throws. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const text = decodeUtf8(bytes);
  return text === null ? { text: decodeLegacy(bytes), valid: false } : { text, valid: true };
}

/** Bytes that are not UTF-8, shown through Windows-1258. */
export function decodeLegacy(bytes: Uint8Array): string {
  return legacy.decode(bytes);
}

/** UTF-8 with replacement characters: for places where the text only needs to be readable. */
export function decodeLenient(bytes: Uint8Array): string {
  return utf8Lenient.decode(bytes);
}

/** Strips a UTF-8 byte order mark that some senders put before the message (RFC 5424 §6.4). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
