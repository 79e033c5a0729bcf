import type { WatchAlert } from './contract';

/** What the console's stream receives: the alert as the API shows it, and why it changed. */
export type AlertChange = { type: 'raised' | 'repeated' | 'updated'; alert: WatchAlert; unitPath: string };

/**
 * This process's alert changes, published after their transaction commits. A server's SSE clients
 * hear the changes made on that node; several nodes on one PostgreSQL need LISTEN/NOTIFY (not yet).
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
