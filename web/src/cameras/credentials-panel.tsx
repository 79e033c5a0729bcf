import { Button, Group, Paper, PasswordInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Page } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { CameraCredential } from './audit-types';
import type { Camera } from './types';

const EMPTY = { cameraId: null as string | null, username: '', password: '' };

/**
 * The unit's camera accounts for the audit's authenticated check (ONVIF): for every camera or for one.
 * The password is write-only: the server seals it and answers a mask.
 */
export function CredentialsPanel({ unitId }: { unitId: string }) {
  const t = useT();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const key = ['camera-credentials', unitId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ items: CameraCredential[] }>('/api/camera-credentials', { unitId }),
  });
  const cameras = useQuery({
    queryKey: ['cameras', { unitId, all: true }],
    queryFn: () => api.get<Page<Camera>>('/api/cameras', { unitId, pageSize: 200 }),
  });
  const save = useMutation({
    mutationFn: () => api.put<CameraCredential>('/api/camera-credentials', { unitId, ...form }),
    onSuccess: () => {
      setForm(EMPTY);
      client.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/camera-credentials/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const cameraOptions = (cameras.data?.items ?? [])
    .filter((c) => c.ip)
    .map((c) => ({ value: c.id, label: [c.ip, c.name, c.vendor].filter(Boolean).join(' · ') }));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>{t('audits.credentials')}</Text>
        <Text size="sm" c="dimmed">
          {t('audits.credentialsHint')}
        </Text>
        <ErrorAlert error={list.error ?? save.error ?? remove.error} />
        <Table fz="sm">
          <Table.Tbody>
            {(list.data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.cameraIp ?? t('audits.allCameras')}</Table.Td>
                <Table.Td>{c.protocol.toUpperCase()}</Table.Td>
                <Table.Td ff="monospace">
                  {c.username} / {c.password}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{c.updatedBy}</Text>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" color="red" onClick={() => remove.mutate(c.id)}>
                    {t('audits.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group align="flex-end" grow>
          <Select
            label={t('audits.credentialCamera')}
            placeholder={t('audits.allCameras')}
            data={cameraOptions}
            value={form.cameraId}
            onChange={(cameraId) => setForm({ ...form, cameraId })}
            clearable
            searchable
          />
          <TextInput
            label={t('audits.username')}
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
            autoComplete="off"
          />
          <PasswordInput
            label={t('audits.password')}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            autoComplete="new-password"
          />
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!form.username || !form.password}
          >
            {t('audits.saveCredential')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
