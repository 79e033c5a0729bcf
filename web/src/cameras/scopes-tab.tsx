import { Button, Group, MultiSelect, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';
import type { ScanScope } from './types';

const ROLES = ['admin', 'unit_officer', 'on_duty'];
const lines = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Registered scan scopes; an admin registers a unit's CIDR ranges, host addresses and who may scan. */
export function ScopesTab() {
  const t = useT();
  const { user } = useSession();
  const client = useQueryClient();
  const scopes = useQuery({
    queryKey: ['camera-scopes'],
    queryFn: () => api.get<{ items: ScanScope[] }>('/api/camera-scopes'),
  });
  const [form, setForm] = useState({
    unitId: user.unitId as string | null,
    cidrs: '',
    hosts: '',
    roles: ['admin'],
  });
  const save = useMutation({
    mutationFn: () =>
      api.put<ScanScope>(`/api/camera-scopes/${form.unitId}`, {
        cidrs: lines(form.cidrs),
        hosts: lines(form.hosts),
        allowedRoles: form.roles,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['camera-scopes'] }),
  });
  return (
    <Stack>
      {user.role === 'admin' && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <UnitSelect
              label={t('cameras.unit')}
              value={form.unitId}
              onChange={(unitId) => setForm({ ...form, unitId })}
            />
            <Group grow align="flex-start">
              <Textarea
                label={t('cameras.cidrs')}
                description={t('cameras.cidrsHint')}
                autosize
                minRows={3}
                value={form.cidrs}
                onChange={(e) => setForm({ ...form, cidrs: e.currentTarget.value })}
              />
              <Textarea
                label={t('cameras.hosts')}
                description={t('cameras.hostsHint')}
                autosize
                minRows={3}
                value={form.hosts}
                onChange={(e) => setForm({ ...form, hosts: e.currentTarget.value })}
              />
            </Group>
            <MultiSelect
              label={t('cameras.allowedRoles')}
              data={ROLES}
              value={form.roles}
              onChange={(roles) => setForm({ ...form, roles })}
            />
            <ErrorAlert error={save.error} />
            <Group>
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!form.unitId}>
                {t('cameras.saveScope')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <ErrorAlert error={scopes.error} />
      <Table fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cameras.cidrs')}</Table.Th>
            <Table.Th>{t('cameras.hosts')}</Table.Th>
            <Table.Th>{t('cameras.allowedRoles')}</Table.Th>
            <Table.Th>{t('cameras.updatedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(scopes.data?.items ?? []).map((s) => (
            <Table.Tr key={s.unitId}>
              <Table.Td>{s.cidrs.join(', ') || '—'}</Table.Td>
              <Table.Td>{s.hosts.join(', ') || '—'}</Table.Td>
              <Table.Td>{s.allowedRoles.join(', ')}</Table.Td>
              <Table.Td>
                <Text size="xs">{s.updatedBy}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
