import { Badge, Table, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { type UnknownSender, UnknownSenders } from './sources-unknown';

/** A registered log source as GET /api/log-sources answers. */
export type LogSourceItem = {
  id: string;
  name: string;
  kind: 'syslog' | 'http';
  cidr: string | null;
  tokenPrefix: string | null;
  enabled: boolean;
};

type ReceiverStat = {
  transport: string;
  address: string | null;
  received: number;
  stored: number;
  raw: number;
  dropped: number;
  unknownSender: number;
};
type Stats = {
  receivers: ReceiverStat[];
  kernelUdpReceiveErrors: number | null;
  unknownSenders: UnknownSender[];
};

/** Log sources of the caller's units, and (for admins) the receivers' counters and unknown senders. */
export function SourcesPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [page, setPage] = useState(1);
  const sources = useQuery({
    queryKey: ['log-sources', page],
    queryFn: () => api.get<Page<LogSourceItem>>('/api/log-sources', { page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const stats = useQuery({
    queryKey: ['ingest-stats'],
    queryFn: () => api.get<Stats>('/api/ingest/stats'),
    retry: false,
  });

  const columns: Column<LogSourceItem>[] = [
    { key: 'name', header: t('sources.name'), render: (s) => s.name },
    { key: 'kind', header: t('sources.kind'), render: (s) => <Badge variant="light">{s.kind}</Badge> },
    {
      key: 'who',
      header: t('sources.sender'),
      render: (s) => s.cidr ?? (s.tokenPrefix ? `${s.tokenPrefix}…` : '—'),
    },
    {
      key: 'enabled',
      header: t('sources.enabled'),
      render: (s) => (s.enabled ? t('sources.on') : t('sources.off')),
    },
  ];
  const n = (v: number) => v.toLocaleString(lang);

  return (
    <>
      <PageHeader title={t('sources.title')} intro={t('sources.intro')} />
      <ServerTable
        columns={columns}
        query={sources}
        rowKey={(s) => s.id}
        onPageChange={setPage}
        label={t('sources.title')}
      />
      {stats.data && (
        <>
          <Title order={4} mt="xl" mb="sm">
            {t('sources.receivers')}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sources.receiver')}</Table.Th>
                <Table.Th>{t('sources.received')}</Table.Th>
                <Table.Th>{t('sources.stored')}</Table.Th>
                <Table.Th>{t('sources.parseErrors')}</Table.Th>
                <Table.Th>{t('sources.dropped')}</Table.Th>
                <Table.Th>{t('sources.unknown')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.data.receivers.map((r) => (
                <Table.Tr key={`${r.transport}${r.address}`}>
                  <Table.Td>{`${r.transport} ${r.address ?? ''}`}</Table.Td>
                  <Table.Td>{n(r.received)}</Table.Td>
                  <Table.Td>{n(r.stored)}</Table.Td>
                  <Table.Td>{n(r.raw)}</Table.Td>
                  <Table.Td>{n(r.dropped)}</Table.Td>
                  <Table.Td>{n(r.unknownSender)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={4} mt="xl" mb="sm">
            {t('sources.unknownSenders')}
          </Title>
          <UnknownSenders senders={stats.data.unknownSenders} />
        </>
      )}
    </>
  );
}
