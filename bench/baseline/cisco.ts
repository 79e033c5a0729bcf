// Frozen copy of src/monitoring/ingest/cisco.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';

const ASA = /^%(ASA|PIX|FTD|FWSM)-(\d)-(\d{6}):? ?/;
const IOS = /^%([A-Z0-9_]+(?:-[A-Z0-9_]+)?)-(\d)-([A-Z0-9_]+): ?/;
// `outside:10.0.0.1/1234` or `10.0.0.1/1234` pairs as ASA prints them.
const ENDPOINT = /(?:([\w-]+):)?(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]+)\/(\d{1,5})/gi;
// IOS access-list hits: `list 102 denied tcp 10.0.6.56(3067) -> 172.36.4.7(139), 1 packet`.
const ACL = /list (\S+) (permitted|denied) (\S+) ([\d.:a-f]+)(?:\((\d+)\))? -> ([\d.:a-f]+)(?:\((\d+)\))?/i;

// Relays and uptime clocks put text before the `%…:` tag (`00:00:46: %LINK-3-UPDOWN`, relay chains).
const TAG_INSIDE = /(?:^|: |\s)(%[A-Z][A-Z0-9_]*-(?:[A-Z0-9_]+-)?\d-[A-Z0-9_]+:?)/;

/** Where the Cisco `%…` tag starts in the message, and which family it is; null when absent. */
export function ciscoKind(message: string): { kind: 'cisco-asa' | 'cisco-ios'; at: number } | null {
  const m = TAG_INSIDE.exec(message);
  if (!m) return null;
  const at = m.index + m[0].length - m[1]!.length;
  const tail = message.slice(at);
  if (ASA.test(tail)) return { kind: 'cisco-asa', at };
  if (IOS.test(tail)) return { kind: 'cisco-ios', at };
  return null;
}

/** Cisco ASA/PIX/FTD `%ASA-4-106023: …`: message id and severity, the first two endpoints. */
export function parseCiscoAsa(event: LogEvent, at = 0): LogEvent {
  const m = ASA.exec(event.message.slice(at))!;
  const text = event.message.slice(at + m[0].length);
  const fields: Record<string, unknown> = {
    ...event.fields,
    'cisco.product': m[1],
    'cisco.severity': Number(m[2]),
    'cisco.message_id': m[3],
  };
  if (at > 0) fields['cisco.prefix'] = event.message.slice(0, at).trim();
  const endpoints = [...text.matchAll(ENDPOINT)].slice(0, 2);
  const [src, dst] = endpoints;
  if (src) Object.assign(fields, { src_interface: src[1], src_ip: src[2], src_port: Number(src[3]) });
  if (dst) Object.assign(fields, { dst_interface: dst[1], dst_ip: dst[2], dst_port: Number(dst[3]) });
  const action = /^(Deny|Denied|Built|Teardown|Permitted|Accessed|Failed|denied)\b/i.exec(text)?.[1];
  if (action) fields.action = action.toLowerCase();
  return { ...event, severity: event.severity ?? Number(m[2]), format: 'cisco-asa', message: text, fields };
}

/** Cisco IOS `%FACILITY-SEV-MNEMONIC: text`, often without a host (no `logging origin-id`). */
export function parseCiscoIos(event: LogEvent, at = 0): LogEvent {
  const m = IOS.exec(event.message.slice(at))!;
  const text = event.message.slice(at + m[0].length);
  const fields: Record<string, unknown> = {
    ...event.fields,
    'cisco.facility': m[1],
    'cisco.severity': Number(m[2]),
    'cisco.mnemonic': m[3],
  };
  if (at > 0) fields['cisco.prefix'] = event.message.slice(0, at).trim();
  const acl = ACL.exec(text);
  if (acl) {
    Object.assign(fields, {
      acl: acl[1],
      action: acl[2]!.toLowerCase(),
      protocol: acl[3],
      src_ip: acl[4],
      src_port: acl[5] ? Number(acl[5]) : undefined,
      dst_ip: acl[6],
      dst_port: acl[7] ? Number(acl[7]) : undefined,
    });
  }
  return { ...event, severity: event.severity ?? Number(m[2]), format: 'cisco-ios', message: text, fields };
}
