import { Anchor, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import type { Page, VulnerabilitySummary } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDate } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import {
  cvssColor,
  ExploitedBadge,
  formatPercent,
  SEVERITIES,
  SeverityBadge,
  severityLabelKey,
} from './vuln-format';

const PAGE_SIZE = 50;

/** Known vulnerabilities, exploited first. Filters live in the address so a filtered list can be linked. */
export function VulnerabilitiesPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [params, setParams] = useSearchParams();
  const exploited = params.get('exploited') ?? '';
  const severity = params.get('severity');
  const page = Number(params.get('page') ?? '1') || 1;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries({ page: null, ...changes })) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search should touch the address
  useEffect(() => {
    if (q !== (params.get('q') ?? '')) update({ q });
  }, [q]);

  const filters = { q: params.get('q') ?? '', exploited, severity, page, pageSize: PAGE_SIZE };
  const vulns = useQuery({
    queryKey: ['vulns', 'list', filters],
    queryFn: () => api.get<Page<VulnerabilitySummary>>('/api/vulnerabilities', filters),
    placeholderData: keepPreviousData,
  });

  const columns: Column<VulnerabilitySummary>[] = [
    {
      key: 'cve',
      header: t('vulns.cve'),
      render: (v) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/vulnerabilities/${v.cve}`} ff="monospace" fw={600} size="sm">
            {v.cve}
          </Anchor>
          <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
            {v.title ?? ''}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'exploited',
      header: t('vulns.exploitation'),
      render: (v) => (v.exploited ? <ExploitedBadge /> : <Text size="sm">—</Text>),
    },
    {
      key: 'kev',
      header: t('vulns.kevDueDate'),
      render: (v) => (
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {v.kevDueDate ?? '—'}
        </Text>
      ),
    },
    {
      key: 'severity',
      header: t('vulns.severityLabel'),
      render: (v) => <SeverityBadge value={v.severity} />,
    },
    {
      key: 'cvss',
      header: 'CVSS',
      render: (v) =>
        v.cvssScore === null ? (
          '—'
        ) : (
          <Text size="sm" fw={600} c={cvssColor(v.cvssScore)}>
            {v.cvssScore.toFixed(1)}
          </Text>
        ),
    },
    { key: 'epss', header: 'EPSS', render: (v) => formatPercent(v.epss) },
    {
      key: 'published',
      header: t('vulns.published'),
      render: (v) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(v.publishedAt, lang)}
        </Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('vulns.title')}
        intro={t('vulns.intro')}
        actions={
          <Anchor component={Link} to="/feeds" size="sm">
            {t('vulns.toFeeds')}
          </Anchor>
        }
      />
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label={t('vulns.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('vulns.exploitation')}
          </Text>
          <SegmentedControl
            aria-label={t('vulns.exploitation')}
            value={exploited}
            onChange={(value) => update({ exploited: value })}
            data={[
              { value: '', label: t('common.all') },
              { value: 'true', label: t('vulns.exploitedOnly') },
              { value: 'false', label: t('vulns.notExploited') },
            ]}
          />
        </Stack>
        <Select
          label={t('vulns.severityLabel')}
          placeholder={t('common.all')}
          clearable
          value={severity}
          data={SEVERITIES.map((s) => ({ value: s, label: t(severityLabelKey(s) ?? 'common.all') }))}
          onChange={(value) => update({ severity: value })}
          w={180}
        />
      </Group>
      <ServerTable
        columns={columns}
        query={vulns}
        rowKey={(v) => v.cve}
        onPageChange={(next) => update({ page: String(next) })}
        label={t('vulns.title')}
        minWidth={960}
      />
    </>
  );
}
