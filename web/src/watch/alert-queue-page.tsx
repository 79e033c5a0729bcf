import { Anchor, Badge, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { LEVEL_COLORS, type WatchAlert } from './types';

const STATUSES = ['new', 'acknowledged', 'in_progress', 'closed'] as const;

/**
 * Opens the alert stream; every change refreshes the lists. EventSource reconnects by itself and sends
 * the last message id back (Last-Event-ID): the server replays what was missed meanwhile, or sends
 * "resync" when that is out of its reach, and then the lists are reloaded as a whole.
 */
export function useLiveAlerts(): boolean {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/watch/alerts/stream');
    const refresh = () => void client.invalidateQueries({ queryKey: ['watch', 'alerts'] });
    source.addEventListener('ready', () => setLive(true));
    source.addEventListener('alert', refresh);
    source.addEventListener('resync', refresh);
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [client]);
  return live;
}

/** The duty officer's queue: newest activity first, pushed live, with the rule's author (DRL 1.1). */
export function AlertQueuePage() {
  const t = useT();
  const { lang } = useLanguage();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string[]>(['new', 'acknowledged', 'in_progress']);
  const live = useLiveAlerts();
  const query = useQuery({
    queryKey: ['watch', 'alerts', { page, status }],
    queryFn: () =>
      api.get<Page<WatchAlert>>('/api/watch/alerts', { page, pageSize: 50, status: status.join(',') }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<WatchAlert>[] = [
    {
      key: 'level',
      header: t('watch.level'),
      render: (a) => <Badge color={LEVEL_COLORS[a.level]}>{t(`watch.level.${a.level}`)}</Badge>,
    },
    {
      key: 'title',
      header: t('watch.alert'),
      render: (a) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/watch/alerts/${a.id}`} fw={600} size="sm">
            {a.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('watch.ruleBy', { author: a.ruleAuthor })}
          </Text>
        </Stack>
      ),
    },
    { key: 'unit', header: t('watch.unit'), render: (a) => <Text size="sm">{a.unitName}</Text> },
    { key: 'count', header: t('watch.count'), render: (a) => <Badge variant="light">{a.count}</Badge> },
    {
      key: 'status',
      header: t('watch.status'),
      render: (a) => <Text size="sm">{t(`watch.status.${a.status}`)}</Text>,
    },
    {
      key: 'seen',
      header: t('watch.lastSeen'),
      render: (a) => <Text size="sm">{formatDateTime(a.lastSeenAt, lang)}</Text>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('watch.queue')}
        intro={t('watch.queueIntro')}
        actions={<Badge color={live ? 'green' : 'gray'}>{live ? t('watch.live') : t('watch.offline')}</Badge>}
      />
      <Group mb="sm">
        <MultiSelect
          label={t('watch.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`watch.status.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
      </Group>
      <ServerTable columns={columns} query={query} rowKey={(a) => a.id} onPageChange={setPage} />
    </>
  );
}
