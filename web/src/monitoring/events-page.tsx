import { Button, Group, LoadingOverlay, Paper, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { EventDetailModal } from './event-detail-modal';

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

/** The events page: a count that may be an estimate, and the cursor of the next (older) page. */
type EventPage = Page<StoredEventItem> & { totalExact: boolean; nextCursor: string | null };

type Filters = { from: string; to: string; q: string; field: string; host: string };
const EMPTY: Filters = { from: '', to: '', q: '', field: '', host: '' };

/**
 * Search of stored log events in the caller's units: time range, host, text, field=value. Paged by
 * the API's cursor (cheap at any depth: no offset past the first page); "newer" goes back through
 * the cursors already seen. A count past the server's decode budget is an estimate, shown as ≈ N.
 */
export function EventsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  /** The cursors of the pages visited after the first; the last one is the page shown. */
  const [cursors, setCursors] = useState<string[]>([]);
  const [opened, setOpened] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];
  const query = {
    from: filters.from ? new Date(filters.from).toISOString() : undefined,
    to: filters.to ? new Date(filters.to).toISOString() : undefined,
    q: filters.q || undefined,
    host: filters.host || undefined,
    field: filters.field || undefined,
    cursor,
    pageSize: PAGE_SIZE,
  };
  const events = useQuery({
    queryKey: ['events', query],
    queryFn: () => api.get<EventPage>('/api/events', query),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.currentTarget.value });
  const page = events.data;
  const first = cursors.length * PAGE_SIZE + 1;
  const total = page ? (page.totalExact ? String(page.total) : t('events.about', { total: page.total })) : '';

  return (
    <>
      <PageHeader title={t('events.title')} intro={t('events.intro')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setCursors([]);
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
      {events.error && !page ? (
        <ErrorAlert error={events.error} onRetry={() => events.refetch()} />
      ) : (
        <Paper withBorder radius="md" pos="relative">
          <LoadingOverlay visible={events.isPending || events.isPlaceholderData} overlayProps={{ blur: 1 }} />
          <ScrollArea>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('events.title')} miw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('events.time')}</Table.Th>
                  <Table.Th>{t('events.host')}</Table.Th>
                  <Table.Th>{t('events.app')}</Table.Th>
                  <Table.Th>{t('events.format')}</Table.Th>
                  <Table.Th>{t('events.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page?.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setOpened(e.id)}>
                        {formatDateTime(e.time, lang)}
                      </Button>
                    </Table.Td>
                    <Table.Td>{e.host ?? e.senderIp ?? '—'}</Table.Td>
                    <Table.Td>{e.app ?? '—'}</Table.Td>
                    <Table.Td>{e.format}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {e.message}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {page && page.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="lg" size="sm">
                        {t('common.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {events.error && <ErrorAlert error={events.error} onRetry={() => events.refetch()} />}
          <Group
            justify="space-between"
            p="sm"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text size="sm" c="dimmed">
              {!page
                ? t('common.loading')
                : page.items.length > 0
                  ? t('table.range', { from: first, to: first + page.items.length - 1, total })
                  : ''}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                disabled={cursors.length === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                {t('events.newer')}
              </Button>
              <Button
                variant="default"
                size="xs"
                disabled={!page?.nextCursor || events.isPlaceholderData}
                onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}
              >
                {t('events.older')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <EventDetailModal id={opened} onClose={() => setOpened(null)} />
    </>
  );
}
