import type { FindingSummary } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import type { FindingFilters } from '../vulns/finding-format';

type Counts = FindingSummary['totals'];
type Stat = { key: keyof Counts; label: MessageKey; color: string; filters: FindingFilters };

const VULNERABLE: FindingFilters = { match: 'vulnerable' };
/** Each card's number and the findings-page filters that list exactly what it counts. */
export const STATS: Stat[] = [
  {
    key: 'critical',
    label: 'vulns.severity.critical',
    color: 'red.7',
    filters: { ...VULNERABLE, severity: 'critical' },
  },
  {
    key: 'high',
    label: 'vulns.severity.high',
    color: 'orange.7',
    filters: { ...VULNERABLE, severity: 'high' },
  },
  {
    key: 'medium',
    label: 'vulns.severity.medium',
    color: 'yellow.8',
    filters: { ...VULNERABLE, severity: 'medium' },
  },
  { key: 'low', label: 'vulns.severity.low', color: 'gray.7', filters: { ...VULNERABLE, severity: 'low' } },
  {
    key: 'exploited',
    label: 'dashboard.exploited',
    color: 'red.7',
    filters: { ...VULNERABLE, exploited: 'true' },
  },
  { key: 'overdue', label: 'dashboard.overdue', color: 'red.7', filters: { ...VULNERABLE, overdue: 'true' } },
  { key: 'hostsAffected', label: 'dashboard.hostsAffected', color: 'indigo.7', filters: VULNERABLE },
  { key: 'unknown', label: 'dashboard.unknown', color: 'gray.7', filters: { match: 'unknown' } },
];
