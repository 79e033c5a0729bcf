import type { Logger } from 'pino';
import type { BlockBuilder } from './block-builder';
import type { EventInsert } from './block-write';
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

/**
 * An event the syslog pipeline accepted, as it arrives and before it is durable: its block builder
 * and index give its id once the block is stored (`block.id`, then eventId(block.id, index)).
 */
export type ArrivingEvent = EventInsert & { block: BlockBuilder; index: number };

/**
 * The syslog pipeline's way in (its hot path): `arrived` runs synchronously for each event in arrival
 * order, so the event can be looked at while it is young and then let go; anything that must refer to
 * stored events (alerts) waits for `durable`, which the pipeline awaits after each commit (so a slow
 * listener pushes back on the receivers instead of growing memory).
 */
export type ArrivalListener = {
  arrived(event: ArrivingEvent): void;
  durable(blocks: readonly BlockBuilder[]): void | Promise<void>;
};

const arrivalListeners = new Set<ArrivalListener>();

export function onEventsArriving(listener: ArrivalListener): () => void {
  arrivalListeners.add(listener);
  return () => arrivalListeners.delete(listener);
}

export function publishArrival(event: ArrivingEvent, log: Logger): void {
  for (const listener of arrivalListeners) {
    try {
      listener.arrived(event);
    } catch (error) {
      log.error({ err: error }, 'an event-arrival listener failed');
    }
  }
}

export async function publishDurable(blocks: readonly BlockBuilder[], log: Logger): Promise<void> {
  if (blocks.length === 0) return;
  for (const listener of arrivalListeners) {
    try {
      await listener.durable(blocks);
    } catch (error) {
      log.error({ err: error }, 'an event-arrival listener failed after the commit');
    }
  }
}
