import { Anchor, Code, Modal, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { AuditEntry, Page } from '../contract-types';
import type { Translate } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-t';
import { dayBoundary, formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { useUnitName } from '../units/use-units';
import { AuditFilters, type AuditFilterValues, NO_FILTERS } from './audit-filters';

const PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** UUIDs are cut to their first group (the modal shows all); names such as schedule ids stay whole. */
function shortId(id: string | null): string {
  if (!id) return '';
  return UUID.test(id) ? `${id.slice(0, 8)}…` : id;
}

function actorOf(entry: AuditEntry, t: Translate): string {
  if (entry.actorType === 'system')
    return entry.actorName ? `${t('audit.actorSystem')} (${entry.actorName})` : t('audit.actorSystem');
  if (entry.actorType === 'anonymous') return t('audit.actorAnonymous');
  if (entry.actorType === 'token') return t('audit.actorToken', { name: entry.actorName ?? '' });
  return entry.actorName ?? entry.actorId ?? '—';
}

export function AuditPage() {
  const t = useT();
  const { lang } = useLanguage();
  const unitName = useUnitName();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [debounced] = useDebouncedValue(filters, 300);
  const [shown, setShown] = useState<AuditEntry | null>(null);
  const query = {
    page,
    pageSize: PAGE_SIZE,
    action: debounced.action.trim(),
    actor: debounced.actor.trim(),
    unitId: debounced.unitId,
    from: dayBoundary(debounced.from, false),
    to: dayBoundary(debounced.to, true),
  };
  const entries = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', query),
    placeholderData: keepPreviousData,
  });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      header: t('audit.at'),
      render: (e) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(e.at, lang)}
        </Text>
      ),
    },
    { key: 'actor', header: t('audit.actor'), render: (e) => actorOf(e, t) },
    {
      key: 'unit',
      header: t('audit.unit'),
      render: (e) => (
        <Text size="sm" miw={140}>
          {e.unitId ? unitName(e.unitId) : '—'}
        </Text>
      ),
    },
    {
      key: 'ip',
      header: t('audit.ip'),
      render: (e) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {e.ip ?? '—'}
        </Text>
      ),
    },
    { key: 'action', header: t('audit.action'), render: (e) => <Code>{e.action}</Code> },
    {
      key: 'target',
      header: t('audit.target'),
      render: (e) => (
        <Stack gap={0}>
          <Text size="sm">{e.targetType ?? '—'}</Text>
          <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {shortId(e.targetId)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'details',
      header: t('audit.details'),
      render: (e) => (
        <Anchor
          component="button"
          type="button"
          size="xs"
          ff="monospace"
          ta="left"
          lineClamp={2}
          miw={200}
          maw={320}
          style={{ wordBreak: 'break-all' }}
          onClick={() => setShown(e)}
        >
          {JSON.stringify(e.details)}
        </Anchor>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <AuditFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      <ServerTable
        columns={columns}
        query={entries}
        rowKey={(e) => String(e.id)}
        onPageChange={setPage}
        label={t('audit.title')}
        minWidth={1000}
      />
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={t('audit.entryTitle', { id: shown?.id ?? '' })}
        size="lg"
        centered
      >
        {shown && (
          <Stack gap="xs">
            <Text size="sm">
              {formatDateTime(shown.at, lang)} · {actorOf(shown, t)} · <Code>{shown.action}</Code>
            </Text>
            <Code block>{JSON.stringify(shown.details, null, 2)}</Code>
            <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {t('audit.hash')}: {shown.hash}
            </Text>
          </Stack>
        )}
      </Modal>
    </>
  );
}
