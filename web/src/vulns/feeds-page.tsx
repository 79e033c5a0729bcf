import { Group, Select, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { AdvisoryDocument, AdvisorySource, Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { FeedSyncPanel } from './feed-sync-panel';
import { FeedUpload } from './feed-upload';
import { SOURCES, SourceBadge } from './vuln-format';

const PAGE_SIZE = 50;

/** Imported advisory documents (GET /api/feeds) and, for admins, the upload form. */
export function FeedsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [source, setSource] = useState<AdvisorySource | null>(null);
  const filters = { source, page, pageSize: PAGE_SIZE };
  const documents = useQuery({
    queryKey: ['feeds', filters],
    queryFn: () => api.get<Page<AdvisoryDocument>>('/api/feeds', filters),
    placeholderData: keepPreviousData,
  });

  const columns: Column<AdvisoryDocument>[] = [
    { key: 'source', header: t('feeds.source'), render: (d) => <SourceBadge source={d.source} /> },
    {
      key: 'document',
      header: t('feeds.document'),
      render: (d) => (
        <>
          <Text size="sm" fw={500}>
            {d.title ?? d.documentId}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {d.documentId}
          </Text>
        </>
      ),
    },
    { key: 'revision', header: t('feeds.revision'), render: (d) => d.revision ?? '—' },
    { key: 'released', header: t('feeds.released'), render: (d) => formatDateTime(d.releasedAt, lang) },
    { key: 'count', header: t('feeds.records'), render: (d) => d.vulnerabilityCount.toLocaleString(lang) },
    { key: 'imported', header: t('feeds.importedAt'), render: (d) => formatDateTime(d.importedAt, lang) },
  ];

  return (
    <>
      <PageHeader title={t('feeds.title')} intro={t('feeds.intro')} />
      {can(me.user.role, 'importFeeds') && <FeedUpload />}
      {can(me.user.role, 'importFeeds') && <FeedSyncPanel />}
      <Group justify="space-between" align="flex-end" mb="md">
        <Title order={4}>{t('feeds.documents')}</Title>
        <Select
          label={t('feeds.source')}
          placeholder={t('common.all')}
          clearable
          value={source}
          data={SOURCES.map((s) => ({ value: s, label: t(`feeds.source.${s}`) }))}
          onChange={(value) => {
            setSource(value as AdvisorySource | null);
            setPage(1);
          }}
          w={240}
        />
      </Group>
      <ServerTable
        columns={columns}
        query={documents}
        rowKey={(d) => d.id}
        onPageChange={setPage}
        label={t('feeds.documents')}
        minWidth={900}
      />
    </>
  );
}
