// Frozen copy of src/monitoring/ingest/text.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
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

/** Decodes bytes as UTF-8; invalid input falls back to a legacy code page and says so. Never throws. */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: utf8.decode(bytes), valid: true };
  } catch {
    return { text: legacy.decode(bytes), valid: false };
  }
}

/** UTF-8 with replacement characters: for places where the text only needs to be readable. */
export function decodeLenient(bytes: Uint8Array): string {
  return utf8Lenient.decode(bytes);
}

/** Strips a UTF-8 byte order mark that some senders put before the message (RFC 5424 §6.4). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
