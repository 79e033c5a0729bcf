import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { withQuery } from '../api';
import type { Finding, FindingSeverity, FindingStatus } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDate } from '../ui/format';

export const FINDING_STATUSES: readonly FindingStatus[] = [
  'open',
  'in_progress',
  'risk_accepted',
  'false_positive',
  'fixed',
];
/** The statuses a person may set (fixed only comes from a later inventory). */
export const SETTABLE_STATUSES = ['open', 'in_progress', 'risk_accepted', 'false_positive'] as const;
export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'none'];

const STATUS_COLOR: Record<FindingStatus, string> = {
  open: 'red',
  in_progress: 'yellow',
  risk_accepted: 'grape',
  false_positive: 'gray',
  fixed: 'teal',
};

export function statusLabelKey(status: FindingStatus): MessageKey {
  return `findings.status.${status}`;
}

/** The filters of the findings page, as they travel in its address (the API's own query names). */
export type FindingFilters = Partial<
  Record<
    'unitId' | 'unitOnly' | 'cve' | 'alertId' | 'status' | 'match' | 'severity' | 'exploited' | 'overdue',
    string
  >
>;

/** A link to the findings page with these filters, e.g. from the dashboard or an alert's unit row. */
export function findingsLink(filters: FindingFilters): string {
  return withQuery('/findings', filters);
}

export function FindingStatusBadge({ finding }: { finding: Finding }) {
  const t = useT();
  const { lang } = useLanguage();
  const badge = (
    <Badge
      variant="light"
      color={STATUS_COLOR[finding.status]}
      style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
    >
      {t(statusLabelKey(finding.status))}
    </Badge>
  );
  if (!finding.statusReason && !finding.statusUntil) return badge;
  return (
    <Stack gap={2} align="flex-start">
      <Tooltip label={finding.statusReason ?? ''} disabled={!finding.statusReason} multiline maw={320}>
        {badge}
      </Tooltip>
      {finding.statusUntil && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}>
          {t('findings.until', { date: formatDate(finding.statusUntil, lang) })}
        </Text>
      )}
    </Stack>
  );
}

/** "Affected" for a decided match; "Undecided" for an unknown one, its reason as a tooltip. */
export function MatchBadge({ finding }: { finding: Finding }) {
  const t = useT();
  if (finding.match === 'vulnerable') {
    return (
      <Badge variant="outline" color="red" style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}>
        {t('findings.match.vulnerable')}
      </Badge>
    );
  }
  return (
    <Tooltip label={finding.reason ?? t('findings.match.unknown')} multiline maw={360}>
      <Badge
        variant="outline"
        color="gray"
        style={{ whiteSpace: 'nowrap', minWidth: 'max-content', cursor: 'help' }}
      >
        {t('findings.match.unknown')}
      </Badge>
    </Tooltip>
  );
}
