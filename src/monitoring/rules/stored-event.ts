import type { StoredEvent } from '../events/model';
import type { ArrivingEvent } from '../events/subscribers';
import type { LogsourceHint, SigmaEvent } from '../sigma';

/** Logsource hints for stored formats whose events carry no Channel (Windows events route by Channel). */
export const HINTS: Partial<Record<StoredEvent['format'], LogsourceHint>> = {
  sshd: { product: 'linux', service: 'sshd' },
  pam: { product: 'linux', service: 'auth' },
  'access-log': { category: 'webserver' },
  iis: { category: 'webserver' },
};

/** A stored event (HTTP, EVTX batches), or one arriving through syslog (its id follows its block's). */
export type DetectedEvent = StoredEvent | ArrivingEvent;

/**
 * The event behind each event the correlator holds, as a symbol-keyed property: rules never see it
 * (for-in, Object.keys and JSON skip symbols), and unlike a WeakMap entry per event it costs the
 * garbage collector nothing extra (ephemerons were measurable on the ingest hot path).
 */
const ORIGIN = Symbol('origin');

/** What rules see: the flat fields, plus the message for keyword rules when fields have none. */
export function sigmaEvent(ev: DetectedEvent): SigmaEvent {
  const event: SigmaEvent = 'message' in ev.fields ? { ...ev.fields } : { ...ev.fields, message: ev.message };
  (event as Record<symbol, unknown>)[ORIGIN] = ev;
  return event;
}

export function storedEventOf(event: SigmaEvent): DetectedEvent | undefined {
  return (event as Record<symbol, unknown>)[ORIGIN] as DetectedEvent | undefined;
}
