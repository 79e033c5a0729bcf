import type { MatchIndex } from './match/index';
import type { MatchVerdict } from './model';

export type SeverityLevel = 'critical' | 'high' | 'medium' | 'low' | 'none';
export type SlaDays = {
  exploitedDays: number;
  criticalDays: number;
  highDays: number;
  mediumDays: number;
  lowDays: number;
};

// MSRC's four ratings mapped onto the CVSS qualitative scale the SLA policy speaks.
const MSRC_SCALE: Record<string, SeverityLevel> = {
  critical: 'critical',
  important: 'high',
  moderate: 'medium',
  low: 'low',
};

/** The product's own MSRC rating first (it differs per product), then the merged rating, then CVSS. */
export function severityOf(
  index: MatchIndex,
  verdict: MatchVerdict,
  merged: { severity: string | null; cvssScore: number | null } | undefined,
): SeverityLevel {
  const ratings = index.vulnerability(verdict.cve)?.severities ?? [];
  const own =
    ratings.find((s) => verdict.productId && s.productIds.includes(verdict.productId)) ?? ratings[0];
  const named = MSRC_SCALE[(own?.value ?? merged?.severity ?? '').toLowerCase()];
  if (named) return named;
  const score = merged?.cvssScore;
  if (score === null || score === undefined) return 'none';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'none';
}

/** Due date = first detection + the policy's days; exploited vulnerabilities get the shortest clock. */
export function dueDate(firstSeen: Date, severity: SeverityLevel, exploited: boolean, sla: SlaDays): Date {
  return new Date(firstSeen.getTime() + slaDays(severity, exploited, sla) * 86_400_000);
}

/** The policy's days for a finding; exploited vulnerabilities get the shortest clock. */
export function slaDays(severity: SeverityLevel, exploited: boolean, sla: SlaDays): number {
  return exploited
    ? sla.exploitedDays
    : {
        critical: sla.criticalDays,
        high: sla.highDays,
        medium: sla.mediumDays,
        low: sla.lowDays,
        none: sla.lowDays,
      }[severity];
}
