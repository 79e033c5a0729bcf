import type { LogEvent } from '../events/model';
import { parseAccessLine } from './access-logs';
import { isPam, isSshd, parsePamInPlace, parseSshdInPlace } from './auth-logs';
import { ciscoKind, parseCiscoAsaInPlace, parseCiscoIosInPlace } from './cisco';
import { looksLikeFortigate, parseFortigateInPlace } from './fortigate';
import { parsePfsenseInPlace } from './pfsense';

const ACCESS_PREFIX = /^\S+ \S+ \S+ \[/;

/**
 * Recognises the vendor format inside a syslog message and adds its fields. The syslog header's
 * values stay unless the vendor body carries better ones (FortiGate's own time and device name).
 * The event is updated in place (it is the caller's, just built by the syslog parser): no copies.
 */
export function parseVendor(event: LogEvent, offset: number): LogEvent {
  if (event.format === 'raw') return event;
  const message = event.message;
  if (looksLikeFortigate(message)) return parseFortigateInPlace(event, offset);
  const cisco = ciscoKind(message);
  if (cisco?.kind === 'cisco-asa') return parseCiscoAsaInPlace(event, cisco.at);
  if (cisco?.kind === 'cisco-ios') return parseCiscoIosInPlace(event, cisco.at);
  if (event.app === 'filterlog') return parsePfsenseInPlace(event);
  if (isPam(event)) return parsePamInPlace(event);
  if (isSshd(event)) return parseSshdInPlace(event);
  if (ACCESS_PREFIX.test(message)) {
    const access = parseAccessLine(message, event.receivedAt);
    if (access) {
      access.host = event.host;
      access.app = event.app;
      access.facility = event.facility;
      access.severity = event.severity;
      return access;
    }
  }
  return event;
}
