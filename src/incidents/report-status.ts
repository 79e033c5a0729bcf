import type { Executor } from '../db/client';
import type { ReportSummary } from './contract';
import { countdown, reportDeadline } from './deadlines';
import { REPORT_FORMS, type ReportForm } from './model';
import type { IncidentRow, ReportRow } from './queries';
import { findDeadlineSettings } from './queries';
import { type DeadlineOverride, formRule } from './regimes';

/** The legal names, shown with (not instead of) their numbers (REGULATIONS.md §4.4). */
export const FORM_TITLES: Record<ReportForm, string> = {
  thong_bao: 'Thông báo sự cố',
  bao_cao_ban_dau: 'Báo cáo ban đầu sự cố (Biểu mẫu 03, TT 20/2017)',
  bao_cao_ket_thuc: 'Báo cáo kết thúc ứng phó sự cố (Biểu mẫu 04, TT 20/2017)',
  de_nghi_ho_tro: 'Đề nghị hỗ trợ, phối hợp ứng cứu sự cố',
};

export async function loadDeadlineOverrides(db: Executor): Promise<DeadlineOverride[]> {
  return (await findDeadlineSettings(db)).map((r) => ({
    regime: r.regime,
    form: r.form,
    hours: r.hours,
    source: r.source,
  }));
}

type CaseFacts = Pick<IncidentRow, 'regime' | 'detectedAt' | 'responseEndedAt' | 'beyondCapacity'>;

/** Each form of the case's regime: its deadline, countdown, and the saved draft or generated file. */
export function summariseReports(
  incident: CaseFacts,
  rows: readonly ReportRow[],
  overrides: readonly DeadlineOverride[],
  now: Date,
): ReportSummary[] {
  return REPORT_FORMS.map((form) => {
    const rule = formRule(incident.regime, form, overrides);
    const row = rows.find((r) => r.form === form);
    const dueAt = reportDeadline(rule, incident);
    // Báo cáo ban đầu applies only beyond capacity; Báo cáo kết thúc once the response ended.
    const applies =
      (!rule.onlyWhenBeyondCapacity || incident.beyondCapacity) &&
      (rule.anchor !== 'response_ended' || incident.responseEndedAt !== null);
    return {
      form,
      title: FORM_TITLES[form],
      dueAt,
      countdown: countdown(dueAt, now, row?.sentAt ?? null),
      deadlineSource: rule.source,
      unverified: rule.unverified ?? false,
      applies: applies || row !== undefined,
      fields: row?.fields ?? {},
      recipientContactIds: row?.recipientContactIds ?? [],
      fileId: row?.fileId ?? null,
      generatedAt: row?.generatedAt ?? null,
      generatedBy: row?.generatedBy ?? null,
      sentAt: row?.sentAt ?? null,
      sentVia: row?.sentVia ?? null,
      sentBy: row?.sentBy ?? null,
    };
  });
}

/** The nearest deadline of a report not yet sent, or null. */
export function nextDeadline(
  incident: CaseFacts,
  rows: readonly ReportRow[],
  overrides: readonly DeadlineOverride[],
  now: Date,
) {
  const pending = summariseReports(incident, rows, overrides, now).filter(
    (r) => r.dueAt !== null && r.sentAt === null,
  );
  pending.sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
  const first = pending[0];
  return first ? { form: first.form, dueAt: first.dueAt!, countdown: first.countdown } : null;
}

/** Reports keyed by case, so a list of thousands of cases looks each one up once. */
export function groupByIncident(reports: readonly ReportRow[]): Map<string, ReportRow[]> {
  const map = new Map<string, ReportRow[]>();
  for (const r of reports) {
    const list = map.get(r.incidentId);
    if (list) list.push(r);
    else map.set(r.incidentId, [r]);
  }
  return map;
}
