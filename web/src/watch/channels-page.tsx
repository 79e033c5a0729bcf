import { Badge, Button, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { ChannelFormModal } from './channel-form-modal';
import type { Channel, Delivery } from './types';

const STATUS_COLORS: Record<Delivery['status'], string> = { queued: 'yellow', sent: 'green', failed: 'red' };

function TestButton({ channel }: { channel: Channel }) {
  const t = useT();
  const client = useQueryClient();
  const [to, setTo] = useState('');
  const test = useMutation({
    mutationFn: () =>
      api.post<Delivery>(`/api/notify/channels/${channel.id}/test`, channel.kind === 'email' ? { to } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notify', 'deliveries'] }),
  });
  return (
    <Group gap="xs" wrap="nowrap">
      {channel.kind === 'email' && (
        <TextInput
          size="xs"
          placeholder="email@…"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      )}
      <Button size="xs" loading={test.isPending} onClick={() => test.mutate()}>
        {t('notify.sendTest')}
      </Button>
      {test.data && (
        <Badge color={STATUS_COLORS[test.data.status]}>{t(`notify.status.${test.data.status}`)}</Badge>
      )}
      {test.data?.lastError && (
        <Text size="xs" c="red">
          {test.data.lastError}
        </Text>
      )}
      {test.error && <ErrorAlert error={test.error} />}
    </Group>
  );
}

/** Notification channels (secrets are never shown back) with a "send test" button, and the delivery log. */
export function ChannelsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [page, setPage] = useState(1);
  const { user } = useSession();
  const canManage = user.role === 'admin' || user.role === 'unit_officer';
  // undefined: closed; null: a new channel; a channel: editing it.
  const [editing, setEditing] = useState<Channel | null | undefined>(undefined);
  const channels = useQuery({
    queryKey: ['notify', 'channels'],
    queryFn: () => api.get<{ items: Channel[] }>('/api/notify/channels'),
  });
  const deliveries = useQuery({
    queryKey: ['notify', 'deliveries', page],
    queryFn: () => api.get<Page<Delivery>>('/api/notify/deliveries', { page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Delivery>[] = [
    { key: 'at', header: t('notify.createdAt'), render: (d) => formatDateTime(d.createdAt, lang) },
    { key: 'channel', header: t('notify.channel'), render: (d) => `${d.channelName ?? '—'} (${d.kind})` },
    { key: 'to', header: t('notify.recipient'), render: (d) => d.recipient || '—' },
    { key: 'subject', header: t('notify.subject'), render: (d) => d.subject },
    {
      key: 'status',
      header: t('notify.status'),
      render: (d) => (
        <Group gap={4}>
          <Badge color={STATUS_COLORS[d.status]}>{t(`notify.status.${d.status}`)}</Badge>
          <Text size="xs">{t('notify.attempts', { n: d.attempts, max: d.maxAttempts })}</Text>
          {d.lastError && (
            <Text size="xs" c="red">
              {d.lastError}
            </Text>
          )}
        </Group>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('notify.title')}
        intro={t('notify.intro')}
        actions={canManage && <Button onClick={() => setEditing(null)}>{t('notify.newChannel')}</Button>}
      />
      {editing !== undefined && (
        <ChannelFormModal channel={editing ?? undefined} onClose={() => setEditing(undefined)} />
      )}
      {channels.error && <ErrorAlert error={channels.error} />}
      <Table mb="lg">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('notify.channel')}</Table.Th>
            <Table.Th>{t('notify.kind')}</Table.Th>
            <Table.Th>{t('notify.secret')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {channels.data?.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {c.name} {!c.enabled && <Badge color="gray">{t('notify.disabled')}</Badge>}
              </Table.Td>
              <Table.Td>{c.kind}</Table.Td>
              <Table.Td>{c.hasSecret ? t('notify.secretStored') : '—'}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <TestButton channel={c} />
                  {canManage && (
                    <Button size="xs" variant="light" onClick={() => setEditing(c)}>
                      {t('common.edit')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4} mb="sm">
        {t('notify.deliveries')}
      </Title>
      <ServerTable columns={columns} query={deliveries} rowKey={(d) => d.id} onPageChange={setPage} />
    </>
  );
}
