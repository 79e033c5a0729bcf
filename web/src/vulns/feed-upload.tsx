import { Alert, Badge, Button, Card, FileInput, Group, List, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import type { FeedImportResult } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { Icon } from '../ui/icons';
import { SourceBadge } from './vuln-format';

const OUTCOME_COLORS: Record<FeedImportResult['outcome'], string> = {
  created: 'teal',
  updated: 'blue',
  unchanged: 'gray',
  older: 'yellow',
};
const FORMATS = [
  'feeds.format.msrc',
  'feeds.format.csaf',
  'feeds.format.kev',
  'feeds.format.nvd',
  'feeds.format.cve5',
  'feeds.format.epss',
  'feeds.format.c2r',
] as const;

/** "3.4 MB": the browser's file size for the list of chosen files. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function ResultsTable({ results }: { results: FeedImportResult[] }) {
  const t = useT();
  const { lang } = useLanguage();
  return (
    <Table striped verticalSpacing={6} aria-label={t('feeds.results')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('feeds.file')}</Table.Th>
          <Table.Th>{t('feeds.source')}</Table.Th>
          <Table.Th>{t('feeds.outcome')}</Table.Th>
          <Table.Th>{t('feeds.counts')}</Table.Th>
          <Table.Th>{t('feeds.warnings')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((r) => (
          <Table.Tr key={r.file} data-file={r.file}>
            <Table.Td>
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {r.file}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {r.documentId}
              </Text>
            </Table.Td>
            <Table.Td>
              <SourceBadge source={r.source} />
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={OUTCOME_COLORS[r.outcome]}>
                {t(`feeds.outcome.${r.outcome}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {r.source === 'epss'
                  ? t('feeds.countEpss', { count: r.counts.epss.toLocaleString(lang) })
                  : r.source === 'kev'
                    ? t('feeds.countKev', { count: r.counts.kev.toLocaleString(lang) })
                    : r.source === 'c2r-builds'
                      ? t('feeds.countC2r', { count: r.counts.c2rBuilds.toLocaleString(lang) })
                      : t('feeds.countVulns', { count: r.counts.vulnerabilities.toLocaleString(lang) })}
              </Text>
            </Table.Td>
            <Table.Td>
              {r.warnings.length === 0 ? (
                <Text size="sm">—</Text>
              ) : (
                <List size="xs" spacing={0}>
                  {r.warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Admins carry advisory files in by hand (air-gapped first); every file is parsed before anything is written. */
export function FeedUpload() {
  const t = useT();
  const client = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      return api.upload<{ results: FeedImportResult[] }>('/api/feeds/import', form);
    },
    onSuccess: async () => {
      setFiles([]);
      await client.invalidateQueries({ queryKey: ['feeds'] });
      await client.invalidateQueries({ queryKey: ['vulns'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.mutate();
  };
  return (
    <Card withBorder radius="md" mb="lg">
      <form onSubmit={submit} aria-label={t('feeds.uploadTitle')}>
        <Stack>
          <Text fw={600}>{t('feeds.uploadTitle')}</Text>
          <Alert variant="light" color="indigo" title={t('feeds.formatsTitle')} role="note">
            <List size="sm" spacing={2}>
              {FORMATS.map((key) => (
                <List.Item key={key}>{t(key)}</List.Item>
              ))}
            </List>
            <Text size="sm" mt="xs" fw={500}>
              {t('feeds.allOrNothing')}
            </Text>
          </Alert>
          <Group align="flex-end" gap="sm">
            <FileInput
              label={t('feeds.files')}
              placeholder={t('inventoryImport.choose')}
              multiple
              clearable
              accept=".xml,.json,.csv,.gz"
              value={files}
              onChange={(next) => {
                setFiles(next);
                upload.reset();
              }}
              w={420}
            />
            <Button
              type="submit"
              leftSection={<Icon name="upload" size={16} />}
              loading={upload.isPending}
              disabled={files.length === 0}
            >
              {t('feeds.submit')}
            </Button>
          </Group>
          {files.length > 1 && (
            <Text size="xs" c="dimmed">
              {files.map((f) => `${f.name} (${formatSize(f.size)})`).join(' · ')}
            </Text>
          )}
          <ErrorAlert error={upload.error} />
          {upload.data && (
            <Stack gap="xs">
              <Text size="sm" c="teal.8" fw={500} role="status">
                {t('feeds.imported', { count: upload.data.results.length })}
              </Text>
              <ResultsTable results={upload.data.results} />
            </Stack>
          )}
        </Stack>
      </form>
    </Card>
  );
}
