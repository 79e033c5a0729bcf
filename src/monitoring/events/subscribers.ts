import type { Logger } from 'pino';
import type { StoredEvent } from './model';

/**
 * The one place detection plugs into ingest: every batch, once it is durable, is handed to each
 * subscriber in the order stored. A subscriber that throws is logged and does not stop the others
 * or the receiver; it runs after the commit, so a slow one delays only later notifications.
 */
export type EventsStoredListener = (events: readonly StoredEvent[]) => void | Promise<void>;

const listeners = new Set<EventsStoredListener>();

/** Registers a listener; returns the function that removes it. */
export function onEventsStored(listener: EventsStoredListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function publishStoredEvents(events: readonly StoredEvent[], log: Logger): Promise<void> {
  if (events.length === 0) return;
  for (const listener of listeners) {
    try {
      await listener(events);
    } catch (error) {
      log.error({ err: error }, 'an events-stored listener failed');
    }
  }
}
