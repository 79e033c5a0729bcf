// Frozen copy of src/monitoring/ingest/pfsense.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';

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
  const cells = event.message.trim().split(',');
  if (cells.length < COMMON.length + 4) {
    return { ...event, format: 'pfsense', parseError: 'filterlog line with too few columns' };
  }
  const fields: Record<string, unknown> = { ...event.fields };
  const take = (names: string[], from: number) => {
    names.forEach((name, i) => {
      const value = cells[from + i];
      if (value !== undefined && value !== '') fields[name] = value;
    });
    return from + names.length;
  };
  let i = take(COMMON, 0);
  const v6 = cells[8] === '6';
  i = take(v6 ? IPV6 : IPV4, i);
  const protocol = String(fields.protocol ?? '').toLowerCase();
  if (protocol === 'tcp') i = take(TCP, i);
  else if (protocol === 'udp') i = take(UDP, i);
  if (i < cells.length) fields.extra = cells.slice(i).join(',');
  return { ...event, format: 'pfsense', fields };
}
