import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database, Executor } from '../../db/client';
import { listenDatabase, notifyDatabase } from '../../db/notify';

/**
 * The signal that the active rules changed: "rules" (texts, platform or unit switches) or "tuning" (a
 * unit's placeholders or filters). A writer does two things:
 *  - inside its transaction, `announceRulesChanged(tx.db, what)`: a NOTIFY that PostgreSQL delivers at
 *    commit (and only then) to every node, so another server rebuilds its rules at once;
 *  - after the commit, `notifyRulesChanged(what)`: this process's listeners hear it with no round trip
 *    (and a process without a bus, the CLI or a test, too).
 * A node ignores the notices it sent itself (it heard them in-process already: a second rebuild of a
 * few thousand rules would be wasted work). Detection's slow fingerprint check stays as the safety net
 * for a notice lost while a listening session was down.
 */
export type RulesChange = 'rules' | 'tuning';
type Listener = (what: RulesChange) => void;

export const RULES_CHANNEL = 'canhgac_rules_changed';
/** This process among the nodes: set once, carried by every notice it sends. */
const ORIGIN = randomUUID();

const listeners = new Set<Listener>();

export function onRulesChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyRulesChanged(what: RulesChange = 'rules'): void {
  for (const listener of listeners) listener(what);
}

/** Inside the changing transaction: every other node hears it when (and only if) it commits. */
export async function announceRulesChanged(db: Executor, what: RulesChange = 'rules'): Promise<void> {
  await notifyDatabase(db, RULES_CHANNEL, JSON.stringify({ what, origin: ORIGIN }));
}

function parseNotice(payload: string): { what: RulesChange; origin: string } | undefined {
  try {
    const value = JSON.parse(payload) as { what?: unknown; origin?: unknown };
    if ((value.what !== 'rules' && value.what !== 'tuning') || typeof value.origin !== 'string')
      return undefined;
    return { what: value.what, origin: value.origin };
  } catch {
    return undefined;
  }
}

/**
 * This node's ear for rule changes made by the others: a notice becomes the in-process signal. When
 * the listening session was lost and reopened, notices may be gone: rebuild to be safe. Started by the
 * HTTP app next to detection; returns its stop.
 */
export async function startRulesBus(database: Database, log: Logger): Promise<() => Promise<void>> {
  const busLog = log.child({ cap: 'rules-bus' });
  const listener = await listenDatabase(
    database,
    [RULES_CHANNEL],
    (_channel, payload) => {
      const notice = parseNotice(payload);
      if (!notice) return busLog.warn({ payload: payload.slice(0, 200) }, 'unreadable rules notice');
      if (notice.origin !== ORIGIN) notifyRulesChanged(notice.what);
    },
    { log: busLog, onReconnect: () => notifyRulesChanged('rules') },
  );
  return () => listener.close();
}
