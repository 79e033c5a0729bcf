import type { Regime, ReportForm } from './model';

/** What a form's deadline counts from: the detection time, or the end of the response. */
export type DeadlineAnchor = 'detected' | 'response_ended';

export type FormRule = {
  form: ReportForm;
  /** Hours after the anchor; null = no legal deadline (sent when needed). */
  hours: number | null;
  anchor: DeadlineAnchor;
  /** Only due when the case is beyond the operator's capacity (Báo cáo ban đầu, TT 20 Art 9.3.b). */
  onlyWhenBeyondCapacity?: boolean;
  /** The legal source of the deadline, shown beside the countdown. */
  source: string;
  /** True when the source was not read in an official text (REGULATIONS.md: keep configurable). */
  unverified?: boolean;
};

export type RegimeRules = { regime: Regime; name: string; forms: readonly FormRule[] };

const DAY = 24;

/**
 * Regime A (QĐ 05/2017/QĐ-TTg, TT 20/2017/TT-BTTTT). "Báo cáo ban đầu" is due "immediately": the product reads that as
 * 24 hours so that a countdown exists at all; an admin can shorten it (incident_deadline_settings).
 */
const REGIME_A: RegimeRules = {
  regime: 'nd85-2016',
  name: 'QĐ 05/2017/QĐ-TTg, TT 20/2017/TT-BTTTT',
  forms: [
    {
      form: 'thong_bao',
      hours: 5 * DAY,
      anchor: 'detected',
      source: 'TT 20/2017 Điều 9 (chậm nhất 05 ngày)',
    },
    {
      form: 'bao_cao_ban_dau',
      hours: DAY,
      anchor: 'detected',
      onlyWhenBeyondCapacity: true,
      source: 'TT 20/2017 Điều 9.3.b, QĐ 05/2017 Điều 11.4 ("ngay": mặc định 24 giờ, có thể chỉnh)',
    },
    {
      form: 'bao_cao_ket_thuc',
      hours: 5 * DAY,
      anchor: 'response_ended',
      source: 'TT 20/2017 Điều 9.3.e (05 ngày sau khi kết thúc ứng phó)',
    },
    {
      form: 'de_nghi_ho_tro',
      hours: null,
      anchor: 'detected',
      source: 'TT 20/2017 Điều 9.3 (không có mẫu cố định)',
    },
  ],
};

/** Regime B (Luật 116/2025, NĐ 331/2026 from 01/7/2026): 24 h / 72 h are cited by a secondary source only. */
const REGIME_B: RegimeRules = {
  regime: 'nd331-2026',
  name: 'Luật An ninh mạng 116/2025/QH15, NĐ 331/2026/NĐ-CP',
  forms: [
    {
      form: 'thong_bao',
      hours: DAY,
      anchor: 'detected',
      source: 'NĐ 331/2026 Điều 31.2.d (24 giờ, chưa kiểm chứng)',
      unverified: true,
    },
    {
      form: 'bao_cao_ban_dau',
      hours: 3 * DAY,
      anchor: 'detected',
      source: 'NĐ 331/2026 Điều 31.2.d (72 giờ, chưa kiểm chứng)',
      unverified: true,
    },
    {
      form: 'bao_cao_ket_thuc',
      hours: 5 * DAY,
      anchor: 'response_ended',
      source: 'Chưa có quy định đã kiểm chứng: giữ 05 ngày như TT 20/2017',
      unverified: true,
    },
    { form: 'de_nghi_ho_tro', hours: null, anchor: 'detected', source: 'Không có thời hạn' },
  ],
};

export const REGIME_RULES: Record<Regime, RegimeRules> = { 'nd85-2016': REGIME_A, 'nd331-2026': REGIME_B };

/** Luật 116/2025/QH15 is in force from 01/7/2026 (00:00 Vietnam time). */
export const REGIME_B_START = new Date('2026-07-01T00:00:00+07:00');

/** The regime in force when the incident was detected. */
export function regimeAt(detectedAt: Date): Regime {
  return detectedAt.getTime() >= REGIME_B_START.getTime() ? 'nd331-2026' : 'nd85-2016';
}

export type DeadlineOverride = { regime: Regime; form: ReportForm; hours: number; source: string };

/** The rule of one form under a regime, with an admin's override of the hours applied. */
export function formRule(
  regime: Regime,
  form: ReportForm,
  overrides: readonly DeadlineOverride[] = [],
): FormRule {
  const rule = REGIME_RULES[regime].forms.find((f) => f.form === form);
  if (!rule) throw new Error(`form ${form} has no rule in ${regime}`);
  const override = overrides.find((o) => o.regime === regime && o.form === form);
  if (!override) return rule;
  return { ...rule, hours: override.hours, source: override.source || rule.source, unverified: false };
}
