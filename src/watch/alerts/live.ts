import type { WatchAlert } from './contract';

/**
 * What the console's stream receives: the alert as the API shows it, why it changed, and the change's
 * id in the journal (the SSE id a reconnecting client sends back as Last-Event-ID).
 */
export type AlertChange = {
  type: 'raised' | 'repeated' | 'updated';
  alert: WatchAlert;
  unitPath: string;
  seq: number;
};

/**
 * This node's alert changes, every node's included: the watch bus publishes here each change it hears
 * through LISTEN/NOTIFY, after its transaction committed, in commit order.
 */
const subscribers = new Set<(change: AlertChange) => void>();

export function subscribeAlerts(listener: (change: AlertChange) => void): () => void {
  subscribers.add(listener);
  return () => subscribers.delete(listener);
}

export function publishAlert(change: AlertChange): void {
  for (const listener of subscribers) {
    try {
      listener(change);
    } catch {
      // A broken client must not stop the others; its stream closes on its own.
    }
  }
}

export function subscriberCount(): number {
  return subscribers.size;
}
