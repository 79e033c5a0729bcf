/**
 * In-process signal that the active rules changed: "rules" (texts, platform or unit switches) or
 * "tuning" (a unit's placeholders or filters). Writers call `notifyRulesChanged()` after their
 * transaction commits; detection drops its cached set and rebuilds it before the next batch, instead
 * of asking the database on every batch. Another process writing to the same PostgreSQL is picked up
 * by detection's slow fingerprint check.
 */
export type RulesChange = 'rules' | 'tuning';
type Listener = (what: RulesChange) => void;

const listeners = new Set<Listener>();

export function onRulesChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyRulesChanged(what: RulesChange = 'rules'): void {
  for (const listener of listeners) listener(what);
}
