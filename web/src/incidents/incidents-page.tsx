import { Anchor, Badge, Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { CountdownBadge } from './countdown-badge';
import { IncidentCreateModal } from './incident-create-modal';
import type { IncidentListItem } from './types';

const PAGE_SIZE = 50;

/** Incident cases (GET /api/incidents), the nearest legal report deadline first. */
export function IncidentsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('open');
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['incidents', 'list', { page, status }],
    queryFn: () =>
      api.get<Page<IncidentListItem>>('/api/incidents', {
        page,
        pageSize: PAGE_SIZE,
        status: status === 'all' ? undefined : status,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const columns: Column<IncidentListItem>[] = [
    {
      key: 'title',
      header: t('incidents.titleLabel'),
      render: (i) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/incidents/${i.id}`} fw={600} size="sm">
            {i.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {i.reference} · {i.unitName}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'deadline',
      header: t('incidents.nextDeadline'),
      render: (i) =>
        i.nextDeadline ? (
          <CountdownBadge
            countdown={i.nextDeadline.countdown}
            dueAt={i.nextDeadline.dueAt}
            label={t(`incidents.form.${i.nextDeadline.form}` as never)}
          />
        ) : (
          '—'
        ),
    },
    {
      key: 'status',
      header: t('incidents.status'),
      render: (i) => <Badge variant="light">{t(`incidents.status.${i.status}` as never)}</Badge>,
    },
    {
      key: 'severity',
      header: t('incidents.severity'),
      render: (i) => (
        <Badge color={i.severity === 'critical' || i.severity === 'high' ? 'red' : 'gray'} variant="outline">
          {t(`incidents.severity.${i.severity}` as never)}
        </Badge>
      ),
    },
    {
      key: 'owner',
      header: t('incidents.owner'),
      render: (i) => <Text size="sm">{i.ownerName ?? '—'}</Text>,
    },
    {
      key: 'detected',
      header: t('incidents.detectedAt'),
      render: (i) => <Text size="sm">{formatDateTime(i.detectedAt, lang)}</Text>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        intro={t('incidents.intro')}
        actions={
          can(me.user.role, 'handleIncidents') && (
            <Button leftSection={<Icon name="plus" size={16} />} onClick={() => setCreating(true)}>
              {t('incidents.create')}
            </Button>
          )
        }
      />
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        data={[
          { value: 'open', label: t('incidents.filterOpen') },
          { value: 'closed', label: t('incidents.status.closed') },
          { value: 'all', label: t('incidents.filterAll') },
        ]}
      />
      <ServerTable columns={columns} query={list} rowKey={(i) => i.id} onPageChange={setPage} />
      <IncidentCreateModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
