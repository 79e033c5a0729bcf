import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type {
  FeedSyncLogEntry,
  FeedSyncSettings,
  FeedSyncSettingsUpdate,
  SyncSource,
} from '../../../src/vulns/feeds/sync/contract';
import { api } from '../api';
import type { Page, Wire } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';

const SYNC_SOURCES: SyncSource[] = ['msrc-cvrf', 'msrc-csaf', 'kev', 'nvd', 'cve5', 'epss'];
type Settings = Wire<FeedSyncSettings>;
type LogEntry = Wire<FeedSyncLogEntry>;

/** Admins: the online sync settings (off by default), "sync now", and the per-source sync log. */
export function FeedSyncPanel() {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['feeds', 'sync', 'settings'],
    queryFn: () => api.get<Settings>('/api/feeds/sync/settings'),
  });
  const log = useQuery({
    queryKey: ['feeds', 'sync', 'log'],
    queryFn: () => api.get<Page<LogEntry>>('/api/feeds/sync/log', { pageSize: 20 }),
  });
  const [draft, setDraft] = useState<Settings | null>(null);
  const [nvdApiKey, setNvdApiKey] = useState('');
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => {
      const body: FeedSyncSettingsUpdate = {
        enabled: draft!.enabled,
        cron: draft!.cron,
        sources: draft!.sources,
        proxyUrl: draft!.proxyUrl?.trim() ? draft!.proxyUrl.trim() : null,
        microsoftSince: draft!.microsoftSince,
        ...(nvdApiKey ? { nvdApiKey } : {}),
      };
      return api.put<Settings>('/api/feeds/sync/settings', body);
    },
    onSuccess: async () => {
      setNvdApiKey('');
      await client.invalidateQueries({ queryKey: ['feeds', 'sync'] });
    },
  });
  const syncNow = useMutation({
    mutationFn: () => api.post('/api/feeds/sync', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['feeds', 'sync', 'log'] }),
  });
  if (!draft) return null;
  const setSource = (source: SyncSource, change: Partial<Settings['sources'][SyncSource]>) =>
    setDraft({ ...draft, sources: { ...draft.sources, [source]: { ...draft.sources[source], ...change } } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder radius="md" mb="lg">
      <form onSubmit={submit} aria-label={t('feedSync.title')}>
        <Stack>
          <Group justify="space-between">
            <Text fw={600}>{t('feedSync.title')}</Text>
            <Badge color={settings.data?.enabled ? 'green' : 'gray'}>
              {settings.data?.enabled ? t('feedSync.on') : t('feedSync.off')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('feedSync.intro')}
          </Text>
          <Checkbox
            label={t('feedSync.enabled')}
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
          />
          {SYNC_SOURCES.map((source) => (
            <Group key={source} align="flex-end" wrap="nowrap">
              <Checkbox
                w={140}
                label={t(`feeds.source.${source}`)}
                checked={draft.sources[source].enabled}
                onChange={(e) => setSource(source, { enabled: e.currentTarget.checked })}
              />
              <TextInput
                style={{ flex: 1 }}
                aria-label={`${t('feedSync.baseUrl')} ${source}`}
                value={draft.sources[source].baseUrl}
                onChange={(e) => setSource(source, { baseUrl: e.currentTarget.value })}
              />
            </Group>
          ))}
          <Group grow>
            <TextInput
              label={t('feedSync.cron')}
              value={draft.cron}
              onChange={(e) => setDraft({ ...draft, cron: e.currentTarget.value })}
            />
            <TextInput
              label={t('feedSync.microsoftSince')}
              value={draft.microsoftSince}
              onChange={(e) => setDraft({ ...draft, microsoftSince: e.currentTarget.value })}
            />
          </Group>
          <Group grow>
            <TextInput
              label={t('feedSync.proxy')}
              placeholder="http://proxy.local:3128"
              value={draft.proxyUrl ?? ''}
              onChange={(e) => setDraft({ ...draft, proxyUrl: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('feedSync.nvdApiKey')}
              placeholder={draft.hasNvdApiKey ? t('feedSync.secretKept') : ''}
              value={nvdApiKey}
              onChange={(e) => setNvdApiKey(e.currentTarget.value)}
            />
          </Group>
          <ErrorAlert error={save.error ?? syncNow.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button
              variant="light"
              disabled={!settings.data?.enabled}
              loading={syncNow.isPending}
              onClick={() => syncNow.mutate()}
            >
              {t('feedSync.syncNow')}
            </Button>
          </Group>
          <Text fw={600}>{t('feedSync.log')}</Text>
          <Table striped aria-label={t('feedSync.log')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('feedSync.when')}</Table.Th>
                <Table.Th>{t('feeds.source')}</Table.Th>
                <Table.Th>{t('feedSync.status')}</Table.Th>
                <Table.Th>{t('feedSync.counts')}</Table.Th>
                <Table.Th>{t('feedSync.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.items ?? []).map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatDateTime(entry.startedAt, lang)}</Table.Td>
                  <Table.Td>{t(`feeds.source.${entry.source}`)}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={
                        entry.status === 'failed' ? 'red' : entry.status === 'imported' ? 'green' : 'gray'
                      }
                    >
                      {t(`feedSync.status.${entry.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {`${entry.counts.requests} / ${entry.counts.notModified} / ${entry.counts.created + entry.counts.updated} / ${entry.counts.unchanged}`}
                  </Table.Td>
                  <Table.Td>{entry.error ? entry.error[lang] : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </form>
    </Card>
  );
}
