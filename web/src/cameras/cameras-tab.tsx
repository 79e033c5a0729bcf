import { Anchor, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import type { Page } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { type Column, ServerTable } from '../ui/server-table';
import { UnitSelect } from '../ui/unit-select';
import { type Camera, canManageCameras } from './types';

const TEMPLATE = 'name,vendor,model,firmware,serial,mac,ip,location,nvr,system\n';

/** CSV import: pasted or read from a file; the server takes all rows or none and names bad lines. */
function CsvImport({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { user } = useSession();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(user.unitId);
  const [csv, setCsv] = useState(TEMPLATE);
  const upload = useMutation({
    mutationFn: () =>
      api.post<{ created: number; updated: number }>('/api/cameras/import-csv', { unitId, csv }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cameras'] }),
  });
  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <UnitSelect label={t('cameras.unit')} value={unitId} onChange={setUnitId} />
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t('cameras.csvFile')}
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
        <Textarea
          label={t('cameras.csv')}
          description={t('cameras.csvHint')}
          autosize
          minRows={4}
          maxRows={14}
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <ErrorAlert error={upload.error} />
        {upload.data && (
          <Text size="sm" c="green">
            {t('cameras.imported', { created: upload.data.created, updated: upload.data.updated })}
          </Text>
        )}
        <Group>
          <Button onClick={() => upload.mutate()} loading={upload.isPending}>
            {t('cameras.import')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('cameras.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function CamerasTab() {
  const t = useT();
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [importing, setImporting] = useState(false);
  const cameras = useQuery({
    queryKey: ['cameras', { page, q }],
    queryFn: () => api.get<Page<Camera>>('/api/cameras', { page, pageSize: 50, q }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Camera>[] = [
    {
      key: 'ip',
      header: 'IP',
      render: (c) => (
        <Anchor component={Link} to={`/cameras/devices/${c.id}`}>
          {c.ip ?? c.mac ?? c.serial}
        </Anchor>
      ),
    },
    {
      key: 'vendor',
      header: t('cameras.vendorModel'),
      render: (c) => [c.vendor, c.model].filter(Boolean).join(' ') || '—',
    },
    { key: 'firmware', header: t('cameras.firmware'), render: (c) => c.firmware ?? '—' },
    { key: 'mac', header: 'MAC', render: (c) => c.mac ?? '—' },
    { key: 'location', header: t('cameras.location'), render: (c) => c.location ?? '—' },
    {
      key: 'source',
      header: t('cameras.source'),
      render: (c) => t(`cameras.src.${c.source}` as 'cameras.src.csv'),
    },
  ];
  return (
    <>
      <Group mb="md">
        <TextInput
          placeholder={t('cameras.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
        />
        {canManageCameras(user.role) && !importing && (
          <Button onClick={() => setImporting(true)}>{t('cameras.importCsv')}</Button>
        )}
      </Group>
      {importing && <CsvImport onDone={() => setImporting(false)} />}
      <ServerTable
        columns={columns}
        query={cameras}
        rowKey={(c) => c.id}
        onPageChange={setPage}
        label={t('cameras.tabDevices')}
      />
    </>
  );
}
