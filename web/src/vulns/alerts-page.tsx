import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Alert, Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDate } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { AlertFormModal } from './alert-form-modal';

const PAGE_SIZE = 50;
const nowrap = { whiteSpace: 'nowrap' } as const;

/** National alerts (GET /api/alerts), newest first; an admin records one from its text or CVE list. */
export function AlertsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const alerts = useQuery({
    queryKey: ['alerts', 'list', { page, pageSize: PAGE_SIZE }],
    queryFn: () => api.get<Page<Alert>>('/api/alerts', { page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  // sv-SE writes the local day as YYYY-MM-DD (toISOString would give the UTC day, a day early before 07:00 in Vietnam).
  const today = new Date().toLocaleDateString('sv-SE');

  const columns: Column<Alert>[] = [
    {
      key: 'title',
      header: t('alerts.titleLabel'),
      render: (a) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/alerts/${a.id}`} fw={600} size="sm">
            {a.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('alerts.numberValue', { number: a.number })}
          </Text>
        </Stack>
      ),
    },
    { key: 'issuer', header: t('alerts.issuer'), render: (a) => <Text size="sm">{a.issuer}</Text> },
    {
      key: 'issuedOn',
      header: t('alerts.issuedOn'),
      render: (a) => (
        <Text size="sm" style={nowrap}>
          {formatDate(a.issuedOn, lang)}
        </Text>
      ),
    },
    {
      key: 'deadline',
      header: t('alerts.deadline'),
      render: (a) =>
        a.deadline ? (
          <Text size="sm" style={nowrap} c={a.deadline < today ? 'dimmed' : undefined}>
            {formatDate(a.deadline, lang)}
          </Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'cves',
      header: t('alerts.cveCount'),
      render: (a) => (
        <Badge variant="light" color="indigo">
          {a.cves.length}
        </Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        intro={t('alerts.intro')}
        actions={
          can(me.user.role, 'manageAlerts') && (
            <Button leftSection={<Icon name="plus" size={16} />} onClick={() => setCreating(true)}>
              {t('alerts.create')}
            </Button>
          )
        }
      />
      <ServerTable
        columns={columns}
        query={alerts}
        rowKey={(a) => a.id}
        onPageChange={setPage}
        label={t('alerts.title')}
      />
      {creating && <AlertFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
