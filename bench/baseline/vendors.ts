// Frozen copy of src/monitoring/ingest/vendors.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';
import { parseAccessLine } from './access-logs';
import { isPam, isSshd, parsePam, parseSshd } from './auth-logs';
import { ciscoKind, parseCiscoAsa, parseCiscoIos } from './cisco';
import { looksLikeFortigate, parseFortigate } from './fortigate';
import { parsePfsense } from './pfsense';

/**
 * Recognises the vendor format inside a syslog message and adds its fields. The syslog header's
 * values stay unless the vendor body carries better ones (FortiGate's own time and device name).
 */
export function parseVendor(event: LogEvent, offset: number): LogEvent {
  if (event.format === 'raw') return event;
  const message = event.message;
  if (looksLikeFortigate(message)) return parseFortigate(event, offset);
  const cisco = ciscoKind(message);
  if (cisco?.kind === 'cisco-asa') return parseCiscoAsa(event, cisco.at);
  if (cisco?.kind === 'cisco-ios') return parseCiscoIos(event, cisco.at);
  if (event.app === 'filterlog') return parsePfsense(event);
  if (isPam(event)) return parsePam(event);
  if (isSshd(event)) return parseSshd(event);
  if (/^\S+ \S+ \S+ \[/.test(message)) {
    const access = parseAccessLine(message, event.receivedAt);
    if (access) {
      return {
        ...access,
        host: event.host,
        app: event.app,
        facility: event.facility,
        severity: event.severity,
      };
    }
  }
  return event;
}
