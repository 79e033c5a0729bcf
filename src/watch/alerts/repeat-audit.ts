import type { AuditEntry } from '../../core/audit';
import type { Executor } from '../../db/client';
import { type AlertRow, insertAlertEvent } from './queries';

/**
 * Repeats and the audit trail (docs/decisions/014-alert-repeats-audit.md): a repeat is counted on the
 * alert (count, last seen), never audited one by one, or a noisy rule would flood the trail. The one
 * repeat that is recorded is the first after a person handled the alert (acknowledged it, took it in
 * progress, reopened it): then the thing they dealt with is happening again, which they must be able
 * to see. It gets a timeline entry now and the audit row it returns, which the caller writes after
 * every group lock it takes (lock order: groups, audit chain, journal). A repeat of a closed alert
 * raises a new alert, audited as a raise.
 */
export async function noteRepeatAfterHandling(
  db: Executor,
  open: AlertRow,
  added: number,
  actorName: string | null,
): Promise<AuditEntry | undefined> {
  if (open.status === 'new' || open.countWhenHandled !== open.count) return undefined;
  const details = { status: open.status, countWhenHandled: open.count, count: open.count + added };
  await insertAlertEvent(db, { alertId: open.id, kind: 'repeated', actorName, details });
  return {
    action: 'watch.alert_repeat',
    targetType: 'watch_alert',
    targetId: open.id,
    unitId: open.unitId,
    details: { ruleId: open.ruleId, ...details },
  };
}
