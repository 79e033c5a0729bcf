import type { LogEvent } from '../events/model';

const COMMON = [
  'rule',
  'subrule',
  'anchor',
  'tracker',
  'interface',
  'reason',
  'action',
  'direction',
  'ip_version',
];
const IPV4 = [
  'tos',
  'ecn',
  'ttl',
  'id',
  'offset',
  'flags',
  'protocol_id',
  'protocol',
  'length',
  'src_ip',
  'dst_ip',
];
const IPV6 = ['class', 'flow_label', 'hop_limit', 'protocol', 'protocol_id', 'length', 'src_ip', 'dst_ip'];
const TCP = [
  'src_port',
  'dst_port',
  'data_length',
  'tcp_flags',
  'sequence',
  'ack',
  'window',
  'urg',
  'options',
];
const UDP = ['src_port', 'dst_port', 'data_length'];

/**
 * pfSense `filterlog` CSV: the columns after the common nine depend on the IP version, then on the
 * protocol (pfSense docs, "Filter Log Format"). Extra or missing columns are kept, not refused.
 */
export function parsePfsense(event: LogEvent): LogEvent {
  return parsePfsenseInPlace({ ...event, fields: { ...event.fields } });
}

/** Names the cells [from, from + names.length) that are present and not empty; returns the next cell. */
function take(fields: Record<string, unknown>, cells: string[], names: string[], from: number): number {
  for (let i = 0; i < names.length; i++) {
    const value = cells[from + i];
    if (value !== undefined && value !== '') fields[names[i]!] = value;
  }
  return from + names.length;
}

/** parsePfsense on an event the caller owns: updated, not copied. */
export function parsePfsenseInPlace(event: LogEvent): LogEvent {
  event.format = 'pfsense';
  const cells = event.message.trim().split(',');
  if (cells.length < COMMON.length + 4) {
    event.parseError = 'filterlog line with too few columns';
    return event;
  }
  const fields = event.fields;
  let i = take(fields, cells, COMMON, 0);
  const v6 = cells[8] === '6';
  i = take(fields, cells, v6 ? IPV6 : IPV4, i);
  const protocol = String(fields.protocol ?? '').toLowerCase();
  if (protocol === 'tcp') i = take(fields, cells, TCP, i);
  else if (protocol === 'udp') i = take(fields, cells, UDP, i);
  if (i < cells.length) fields.extra = cells.slice(i).join(',');
  return event;
}
