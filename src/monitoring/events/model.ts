/**
 * One log event as every part of monitoring sees it: receivers and parsers produce it, storage keeps
 * it, detection reads it. Vendor-specific values live in `fields` (flat keys, dotted where nested).
 */
export type EventFormat =
  | 'rfc5424'
  | 'rfc3164'
  | 'fortigate'
  | 'cisco-ios'
  | 'cisco-asa'
  | 'pfsense'
  | 'sshd'
  | 'pam'
  | 'access-log'
  | 'iis'
  | 'windows'
  | 'raw';

export type LogEvent = {
  /** When it happened (UTC); the arrival time when the record carries none we can trust. */
  time: Date;
  receivedAt: Date;
  host: string | null;
  app: string | null;
  facility: number | null;
  severity: number | null;
  format: EventFormat;
  message: string;
  fields: Record<string, unknown>;
  /** The original bytes, kept only when they are not valid UTF-8 (legacy Vietnamese encodings). */
  raw: Uint8Array | null;
  /** Why the record could not be parsed fully (null when it was): such records are counted as raw. */
  parseError: string | null;
};

/** A stored event: the event plus where it came from and its row id. */
export type StoredEvent = LogEvent & {
  id: string;
  unitId: string;
  sourceId: string | null;
  senderIp: string | null;
};
