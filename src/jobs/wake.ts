/**
 * Lets work that just committed a job wake this process's workers at once instead of at their next
 * poll (an alert's notification should not wait up to pollMs). Other nodes still find it by polling.
 */
const listeners = new Set<() => void>();

export function onJobsQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call after the transaction that queued jobs has committed; a wake before the commit finds nothing. */
export function wakeJobWorkers(): void {
  for (const listener of listeners) listener();
}
