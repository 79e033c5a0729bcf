import type { LogEvent } from '../events/model';

// Sticky (`y`): they read at lastIndex, where the tag starts, without slicing the message first.
const ASA = /%(ASA|PIX|FTD|FWSM)-(\d)-(\d{6}):? ?/y;
const IOS = /%([A-Z0-9_]+(?:-[A-Z0-9_]+)?)-(\d)-([A-Z0-9_]+): ?/y;
const ACTION = /^(Deny|Denied|Built|Teardown|Permitted|Accessed|Failed|denied)\b/i;

function stickyExec(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}
// `outside:10.0.0.1/1234` or `10.0.0.1/1234` pairs as ASA prints them.
const ENDPOINT = /(?:([\w-]+):)?(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]+)\/(\d{1,5})/gi;
// IOS access-list hits: `list 102 denied tcp 10.0.6.56(3067) -> 172.36.4.7(139), 1 packet`.
const ACL = /list (\S+) (permitted|denied) (\S+) ([\d.:a-f]+)(?:\((\d+)\))? -> ([\d.:a-f]+)(?:\((\d+)\))?/i;

// Relays and uptime clocks put text before the `%…:` tag (`00:00:46: %LINK-3-UPDOWN`, relay chains).
const TAG_INSIDE = /(?:^|: |\s)(%[A-Z][A-Z0-9_]*-(?:[A-Z0-9_]+-)?\d-[A-Z0-9_]+:?)/;

/** Where the Cisco `%…` tag starts in the message, and which family it is; null when absent. */
export function ciscoKind(message: string): { kind: 'cisco-asa' | 'cisco-ios'; at: number } | null {
  if (!message.includes('%')) return null;
  const m = TAG_INSIDE.exec(message);
  if (!m) return null;
  const at = m.index + m[0].length - m[1]!.length;
  if (stickyExec(ASA, message, at)) return { kind: 'cisco-asa', at };
  if (stickyExec(IOS, message, at)) return { kind: 'cisco-ios', at };
  return null;
}

/** Cisco ASA/PIX/FTD `%ASA-4-106023: …`: message id and severity, the first two endpoints. */
export function parseCiscoAsa(event: LogEvent, at = 0): LogEvent {
  return parseCiscoAsaInPlace({ ...event, fields: { ...event.fields } }, at);
}

/** parseCiscoAsa on an event the caller owns: updated, not copied. */
export function parseCiscoAsaInPlace(event: LogEvent, at = 0): LogEvent {
  const m = stickyExec(ASA, event.message, at)!;
  const text = event.message.slice(at + m[0].length);
  const fields = event.fields;
  fields['cisco.product'] = m[1];
  fields['cisco.severity'] = Number(m[2]);
  fields['cisco.message_id'] = m[3];
  if (at > 0) fields['cisco.prefix'] = event.message.slice(0, at).trim();
  ENDPOINT.lastIndex = 0;
  const src = ENDPOINT.exec(text);
  const dst = src ? ENDPOINT.exec(text) : null;
  if (src) {
    fields.src_interface = src[1];
    fields.src_ip = src[2];
    fields.src_port = Number(src[3]);
  }
  if (dst) {
    fields.dst_interface = dst[1];
    fields.dst_ip = dst[2];
    fields.dst_port = Number(dst[3]);
  }
  const action = ACTION.exec(text)?.[1];
  if (action) fields.action = action.toLowerCase();
  event.severity = event.severity ?? Number(m[2]);
  event.format = 'cisco-asa';
  event.message = text;
  return event;
}

/** Cisco IOS `%FACILITY-SEV-MNEMONIC: text`, often without a host (no `logging origin-id`). */
export function parseCiscoIos(event: LogEvent, at = 0): LogEvent {
  return parseCiscoIosInPlace({ ...event, fields: { ...event.fields } }, at);
}

/** parseCiscoIos on an event the caller owns: updated, not copied. */
export function parseCiscoIosInPlace(event: LogEvent, at = 0): LogEvent {
  const m = stickyExec(IOS, event.message, at)!;
  const text = event.message.slice(at + m[0].length);
  const fields = event.fields;
  fields['cisco.facility'] = m[1];
  fields['cisco.severity'] = Number(m[2]);
  fields['cisco.mnemonic'] = m[3];
  if (at > 0) fields['cisco.prefix'] = event.message.slice(0, at).trim();
  const acl = ACL.exec(text);
  if (acl) {
    // Undefined ports are set too, as the Object.assign before did: the keys are part of the output.
    fields.acl = acl[1];
    fields.action = acl[2]!.toLowerCase();
    fields.protocol = acl[3];
    fields.src_ip = acl[4];
    fields.src_port = acl[5] ? Number(acl[5]) : undefined;
    fields.dst_ip = acl[6];
    fields.dst_port = acl[7] ? Number(acl[7]) : undefined;
  }
  event.severity = event.severity ?? Number(m[2]);
  event.format = 'cisco-ios';
  event.message = text;
  return event;
}
