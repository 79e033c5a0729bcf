import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Finding, Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { PageHeader } from '../ui/page-header';
import { ServerTable } from '../ui/server-table';
import { FindingStatusModal } from './finding-status-modal';
import { findingColumns } from './findings-columns';
import { FindingsFilters, useSearchFilters } from './findings-filters';

const PAGE_SIZE = 50;
const FILTER_KEYS = [
  'unitId',
  'unitOnly',
  'cve',
  'alertId',
  'status',
  'match',
  'severity',
  'exploited',
  'overdue',
  'sort',
];

function exportUrl(format: 'csv' | 'xlsx', filters: Record<string, string | number>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (key !== 'page' && key !== 'pageSize') query.set(key, String(value));
  return `/api/findings/export.${format}?${query}`;
}

/** Host × CVE findings in the caller's scope (GET /api/findings); without a status, those still to work on. */
export function FindingsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const client = useQueryClient();
  const { params, update } = useSearchFilters();
  const [editing, setEditing] = useState<Finding | null>(null);
  const page = Number(params.get('page') ?? '1') || 1;
  const filters: Record<string, string | number> = { page, pageSize: PAGE_SIZE };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const findings = useQuery({
    queryKey: ['findings', 'list', filters],
    queryFn: () => api.get<Page<Finding>>('/api/findings', filters),
    placeholderData: keepPreviousData,
  });
  const rematch = useMutation({
    mutationFn: () => api.post<{ id: string }>('/api/findings/rematch'),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const canManage = can(me.user.role, 'manageFindings');

  return (
    <>
      <PageHeader
        title={t('findings.title')}
        intro={t('findings.intro')}
        actions={
          <Group gap="xs">
            {/* The same filters as the list: the server exports what the table shows, every page of it. */}
            <Button component="a" variant="default" href={exportUrl('csv', filters)}>
              {t('findings.exportCsv')}
            </Button>
            <Button component="a" variant="default" href={exportUrl('xlsx', filters)}>
              {t('findings.exportXlsx')}
            </Button>
            {can(me.user.role, 'rematchFindings') && (
              <Button variant="light" loading={rematch.isPending} onClick={() => rematch.mutate()}>
                {t('findings.rematch')}
              </Button>
            )}
          </Group>
        }
      />
      {rematch.isSuccess && (
        <Alert color="teal" variant="light" mb="md" withCloseButton onClose={() => rematch.reset()}>
          <Text size="sm">
            {t('findings.rematchQueued')}{' '}
            <Anchor component={Link} to="/jobs" size="sm" fw={600}>
              {t('findings.toJobs')}
            </Anchor>
          </Text>
        </Alert>
      )}
      {rematch.error && <ErrorAlert error={rematch.error} />}
      <FindingsFilters />
      <ServerTable
        columns={findingColumns(t, lang, canManage ? setEditing : undefined)}
        query={findings}
        rowKey={(f) => f.id}
        onPageChange={(next) => update({ page: String(next) })}
        label={t('findings.title')}
        minWidth={1040}
      />
      {editing && <FindingStatusModal finding={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
