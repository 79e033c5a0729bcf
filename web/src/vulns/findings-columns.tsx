import { ActionIcon, Anchor, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { Finding } from '../contract-types';
import type { Lang, Translate } from '../i18n/messages';
import { formatDate } from '../ui/format';
import { Icon } from '../ui/icons';
import type { Column } from '../ui/server-table';
import { FindingStatusBadge, MatchBadge } from './finding-format';
import { ExploitedBadge, formatPercent, SeverityBadge } from './vuln-format';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** The findings table: host × CVE, what fixes it against what the host reports, and where it stands. */
export function findingColumns(
  t: Translate,
  lang: Lang,
  onChangeStatus?: (finding: Finding) => void,
): Column<Finding>[] {
  const columns: Column<Finding>[] = [
    {
      key: 'host',
      header: t('findings.hostUnit'),
      render: (f) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/inventory/hosts/${f.hostId}`} fw={600} size="sm" style={nowrap}>
            {f.hostname}
          </Anchor>
          <Text size="xs" c="dimmed" maw={180}>
            {f.unitName}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'cve',
      header: t('vulns.cve'),
      render: (f) => (
        <Stack gap={0}>
          <Anchor
            component={Link}
            to={`/vulnerabilities/${f.cve}`}
            ff="monospace"
            fw={600}
            size="sm"
            style={nowrap}
          >
            {f.cve}
          </Anchor>
          <Text size="xs" c="dimmed" lineClamp={2} maw={220}>
            {f.title ?? ''}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'product',
      header: t('findings.product'),
      render: (f) => (
        <Text size="xs" miw={120} maw={170}>
          {f.productName}
        </Text>
      ),
    },
    {
      key: 'severity',
      header: t('vulns.severityLabel'),
      render: (f) => (
        <Stack gap={4} align="flex-start">
          <SeverityBadge value={f.severity} />
          {f.exploited && <ExploitedBadge />}
        </Stack>
      ),
    },
    { key: 'epss', header: 'EPSS', render: (f) => <Text size="sm">{formatPercent(f.epss)}</Text> },
    {
      key: 'fix',
      header: t('findings.fix'),
      render: (f) => (
        <Stack gap={0}>
          <Text size="sm" ff="monospace" fw={600} style={nowrap}>
            {f.fixKb ?? '—'}
          </Text>
          {f.fixedBuild && (
            <Text size="xs" ff="monospace" style={nowrap}>
              {t('findings.fixedBuild', { value: f.fixedBuild })}
            </Text>
          )}
          <Text size="xs" c="dimmed" ff="monospace" style={nowrap}>
            {t('findings.observed', { value: f.observed ?? '—' })}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'due',
      header: t('findings.due'),
      render: (f) => (
        <Stack gap={0}>
          <Text size="sm" style={nowrap} c={f.overdue ? 'red.7' : undefined} fw={f.overdue ? 700 : undefined}>
            {formatDate(f.dueAt, lang)}
          </Text>
          {f.overdue && (
            <Text size="xs" c="red.7">
              {t('findings.overdue')}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('findings.statusMatch'),
      render: (f) => (
        <Stack gap={4} align="flex-start">
          <FindingStatusBadge finding={f} />
          <MatchBadge finding={f} />
        </Stack>
      ),
    },
  ];
  if (onChangeStatus) {
    columns.push({
      key: 'actions',
      header: '',
      render: (f) =>
        f.status === 'fixed' ? null : (
          <Tooltip label={t('findings.changeStatus')}>
            <ActionIcon
              variant="light"
              aria-label={t('findings.changeStatus')}
              onClick={() => onChangeStatus(f)}
            >
              <Icon name="edit" size={16} />
            </ActionIcon>
          </Tooltip>
        ),
    });
  }
  return columns;
}
