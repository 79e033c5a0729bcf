import type { WatchAlert } from './contract';
import type { AlertWithNames } from './queries';

/** The alert as the API shows it: the escalation's internal links (policy, roster) and the
 * repeat audit's marker stay inside. */
export function toWatchAlert(row: AlertWithNames): WatchAlert {
  const { policyId: _p, rosterId: _r, countWhenHandled: _h, ...alert } = row.alert;
  return { ...alert, unitName: row.unitName, assigneeName: row.assigneeName };
}
