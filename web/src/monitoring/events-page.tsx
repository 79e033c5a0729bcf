import { Button, Group, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';

const PAGE_SIZE = 50;

/** One stored event as GET /api/events answers (src/monitoring/events/contract.ts). */
export type StoredEventItem = {
  id: string;
  time: string;
  host: string | null;
  app: string | null;
  format: string;
  message: string;
  senderIp: string | null;
  parseError: string | null;
};

type Filters = { from: string; to: string; q: string; field: string; host: string };
const EMPTY: Filters = { from: '', to: '', q: '', field: '', host: '' };

/** Search of stored log events in the caller's units: time range, host, text, field=value; paged. */
export function EventsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const query = {
    from: filters.from ? new Date(filters.from).toISOString() : undefined,
    to: filters.to ? new Date(filters.to).toISOString() : undefined,
    q: filters.q || undefined,
    host: filters.host || undefined,
    field: filters.field || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const events = useQuery({
    queryKey: ['events', query],
    queryFn: () => api.get<Page<StoredEventItem>>('/api/events', query),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.currentTarget.value });

  const columns: Column<StoredEventItem>[] = [
    { key: 'time', header: t('events.time'), render: (e) => formatDateTime(e.time, lang) },
    { key: 'host', header: t('events.host'), render: (e) => e.host ?? e.senderIp ?? '—' },
    { key: 'app', header: t('events.app'), render: (e) => e.app ?? '—' },
    { key: 'format', header: t('events.format'), render: (e) => e.format },
    {
      key: 'message',
      header: t('events.message'),
      render: (e) => (
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {e.message}
        </Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('events.title')} intro={t('events.intro')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setPage(1);
        }}
      >
        <Group align="flex-end" mb="md" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('events.from')}
            value={draft.from}
            onChange={set('from')}
          />
          <TextInput type="datetime-local" label={t('events.to')} value={draft.to} onChange={set('to')} />
          <TextInput label={t('events.host')} value={draft.host} onChange={set('host')} w={160} />
          <TextInput label={t('events.text')} value={draft.q} onChange={set('q')} w={220} />
          <TextInput
            label={t('events.field')}
            placeholder="EventID=4625"
            value={draft.field}
            onChange={set('field')}
            w={200}
          />
          <Button type="submit">{t('events.search')}</Button>
        </Group>
      </form>
      <ServerTable
        columns={columns}
        query={events}
        rowKey={(e) => e.id}
        onPageChange={setPage}
        label={t('events.title')}
        minWidth={900}
      />
    </>
  );
}
