/**
 * The vocabulary of incident cases, shared by the schema, the contract, the pure rules and the console.
 * Terms follow TT 20/2017/TT-BTTTT and QĐ 05/2017/QĐ-TTg (REGULATIONS.md §4).
 */

/** The two legal regimes (REGULATIONS.md §0): each case stores the one it was handled under. */
export const REGIMES = ['nd85-2016', 'nd331-2026'] as const;
export type Regime = (typeof REGIMES)[number];

/** TT 20/2017 Art 11 phases mapped to working states: new/triage = phase 1, containment = 2, eradication/recovery = 3, closed = 4. */
export const INCIDENT_STATUSES = [
  'new',
  'triage',
  'containment',
  'eradication',
  'recovery',
  'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Kinds of incident seen in local government; "other" keeps the list honest. */
export const INCIDENT_CATEGORIES = [
  'malware',
  'ransomware',
  'defacement',
  'intrusion',
  'phishing',
  'ddos',
  'data_leak',
  'account_compromise',
  'vulnerability_exploit',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/**
 * Preliminary severity (QĐ 05/2017 Art 11.4.c). "Serious" (sự cố nghiêm trọng, Art 9) is a separate flag because it
 * needs both conditions of Art 9, not a high score.
 */
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INDICATOR_TYPES = ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Where a case came from: alerts, camera and vulnerability findings open cases through openIncidentFrom. */
export const SOURCE_KINDS = [
  'manual',
  'alert',
  'camera_finding',
  'vuln_finding',
  'unit_report',
  'monitoring',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type IncidentSource = { kind: SourceKind; id: string | null; summary: string };

/** The forms of REGULATIONS.md §4.4 the product generates. */
export const REPORT_FORMS = ['thong_bao', 'bao_cao_ban_dau', 'bao_cao_ket_thuc', 'de_nghi_ho_tro'] as const;
export type ReportForm = (typeof REPORT_FORMS)[number];

export const TIMELINE_KINDS = [
  'opened',
  'note',
  'status',
  'evidence',
  'indicator',
  'report',
  'sent',
  'updated',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const SEND_CHANNELS = ['email', 'cong_van', 'fax', 'national_system', 'other'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];
