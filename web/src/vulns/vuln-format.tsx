import { Badge, Text } from '@mantine/core';
import type { AdvisorySource } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';

export const SOURCES: readonly AdvisorySource[] = [
  'msrc-cvrf',
  'msrc-csaf',
  'kev',
  'nvd',
  'cve5',
  'epss',
  'c2r-builds',
];
/** MSRC's words first (Critical/Important/Moderate/Low), then CVSS's (High/Medium). */
export const SEVERITIES = ['critical', 'important', 'high', 'moderate', 'medium', 'low'];

const SEVERITY_STYLE: Record<string, { color: string; label: MessageKey }> = {
  critical: { color: 'red', label: 'vulns.severity.critical' },
  important: { color: 'orange', label: 'vulns.severity.important' },
  high: { color: 'orange', label: 'vulns.severity.high' },
  moderate: { color: 'yellow', label: 'vulns.severity.moderate' },
  medium: { color: 'yellow', label: 'vulns.severity.medium' },
  low: { color: 'gray', label: 'vulns.severity.low' },
  none: { color: 'gray', label: 'vulns.severity.none' },
};

export function ExploitedBadge() {
  const t = useT();
  return (
    <Badge color="red" variant="filled" style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}>
      {t('vulns.exploited')}
    </Badge>
  );
}

export function SeverityBadge({ value }: { value: string | null | undefined }) {
  const t = useT();
  if (!value) return <Text size="sm">—</Text>;
  const style = SEVERITY_STYLE[value.toLowerCase()];
  return (
    <Badge variant="light" color={style?.color ?? 'gray'} style={{ minWidth: 'max-content' }}>
      {style ? t(style.label) : value}
    </Badge>
  );
}

export function severityLabelKey(value: string): MessageKey | undefined {
  return SEVERITY_STYLE[value.toLowerCase()]?.label;
}

export function cvssColor(score: number): string {
  if (score >= 9) return 'red';
  if (score >= 7) return 'orange';
  if (score >= 4) return 'yellow.8';
  return 'gray';
}

/** EPSS is a probability (0–1): shown as a percentage, "12.3%". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const percent = value * 100;
  return `${percent < 1 ? percent.toFixed(2) : percent.toFixed(1)}%`;
}

export function SourceBadge({ source }: { source: AdvisorySource }) {
  const t = useT();
  return (
    <Badge variant="outline" color="indigo" tt="none" style={{ whiteSpace: 'nowrap' }}>
      {t(`feeds.source.${source}`)}
    </Badge>
  );
}
