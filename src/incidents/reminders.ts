import { z } from 'zod';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import type { JobKind } from '../jobs/registry';
import { DUE_SOON_MS } from './deadlines';
import type { ReportForm } from './model';
import { findIncidentsInScope, findReportsInScope, insertReminders } from './queries';
import { FORM_TITLES, groupByIncident, loadDeadlineOverrides, summariseReports } from './report-status';

/**
 * What the reminder job hands to delivery (src/notify at merge): the case's unit decides who hears it (its officers
 * and the person on duty, as the issue asks).
 */
export type IncidentReminder = {
  incidentId: string;
  reference: string;
  unitId: string;
  form: ReportForm;
  formTitle: string;
  threshold: 'due_soon' | 'overdue';
  dueAt: Date;
  /** Ready to send: Vietnamese first, English second. */
  message: string;
};

/**
 * Finds unsent reports due within 24 h or past due and records one reminder per report and threshold; returns only
 * the new ones, so running it every few minutes never repeats a reminder.
 */
export async function produceReminders(ctx: Ctx, now = new Date()): Promise<IncidentReminder[]> {
  return inTransaction(ctx, async (tx) => {
    const rows = await findIncidentsInScope(tx.db, { unitPath: tx.unitPath });
    const reports = groupByIncident(await findReportsInScope(tx.db, tx.unitPath));
    const overrides = await loadDeadlineOverrides(tx.db);
    const candidates: IncidentReminder[] = [];
    for (const row of rows) {
      for (const r of summariseReports(row, reports.get(row.id) ?? [], overrides, now)) {
        if (!r.dueAt || r.sentAt || r.dueAt.getTime() - now.getTime() > DUE_SOON_MS) continue;
        const threshold = r.dueAt.getTime() < now.getTime() ? 'overdue' : 'due_soon';
        const when = r.dueAt.toISOString();
        candidates.push({
          incidentId: row.id,
          reference: row.reference,
          unitId: row.unitId,
          form: r.form,
          formTitle: r.title,
          threshold,
          dueAt: r.dueAt,
          message:
            threshold === 'overdue'
              ? `${row.reference}: ${FORM_TITLES[r.form]} đã quá hạn (${when}) / report overdue`
              : `${row.reference}: ${FORM_TITLES[r.form]} đến hạn lúc ${when} / report due soon`,
        });
      }
    }
    const inserted = await insertReminders(
      tx.db,
      candidates.map(({ incidentId, unitId, form, threshold, dueAt }) => ({
        incidentId,
        unitId,
        form,
        threshold,
        dueAt,
      })),
    );
    const fresh = candidates.filter((c) =>
      inserted.some((i) => i.incidentId === c.incidentId && i.form === c.form && i.threshold === c.threshold),
    );
    if (fresh.length > 0) {
      await recordAudit(tx, {
        action: 'incident.reminders',
        unitId: null,
        targetType: 'incident',
        details: { count: fresh.length },
      });
    }
    return fresh;
  });
}

const NoPayload = z.object({}).strict();
export const INCIDENT_REMINDERS = 'incidents.reminders';

export const incidentRemindersJob: JobKind<typeof NoPayload> = {
  kind: INCIDENT_REMINDERS,
  title: { vi: 'Nhắc hạn báo cáo sự cố', en: 'Incident report deadline reminders' },
  payload: NoPayload,
  async run(_payload, { ctx }) {
    // Loaded here, not at the top: notify → jobs/service → jobs/builtin imports this file for
    // INCIDENT_SCHEDULES, and a static import would close that cycle before the schedules exist.
    const { deliverIncidentReminders } = await import('./reminder-mail');
    // One transaction: a reminder is recorded if and only if its mail is queued (notify's outbox).
    return inTransaction(ctx, async (tx) => {
      const reminders = await produceReminders(tx);
      const mail = await deliverIncidentReminders(tx, reminders);
      return { reminders: reminders.length, mail, items: reminders };
    });
  },
};

export const INCIDENT_JOB_KINDS: readonly JobKind[] = [incidentRemindersJob];
export const INCIDENT_SCHEDULES = [
  { name: 'incidents.reminders.15min', kind: INCIDENT_REMINDERS, cron: '*/15 * * * *', payload: {} },
] as const;
