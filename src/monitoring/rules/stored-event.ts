import type { StoredEvent } from '../events/model';
import type { LogsourceHint, SigmaEvent } from '../sigma';

/** Logsource hints for stored formats whose events carry no Channel (Windows events route by Channel). */
export const HINTS: Partial<Record<StoredEvent['format'], LogsourceHint>> = {
  sshd: { product: 'linux', service: 'sshd' },
  pam: { product: 'linux', service: 'auth' },
  'access-log': { category: 'webserver' },
  iis: { category: 'webserver' },
};

/** The stored event behind each event the correlator holds (weak: gone once the window drops it). */
const storedOf = new WeakMap<SigmaEvent, StoredEvent>();

/** What rules see: the flat fields, plus the message for keyword rules when fields have none. */
export function sigmaEvent(ev: StoredEvent): SigmaEvent {
  const event: SigmaEvent = 'message' in ev.fields ? { ...ev.fields } : { ...ev.fields, message: ev.message };
  storedOf.set(event, ev);
  return event;
}

export function storedEventOf(event: SigmaEvent): StoredEvent | undefined {
  return storedOf.get(event);
}
