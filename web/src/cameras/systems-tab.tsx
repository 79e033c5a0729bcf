import { Anchor, Badge, Button, Group, NumberInput, Paper, Select, Stack, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import type { Page } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { type Column, ServerTable } from '../ui/server-table';
import { UnitSelect } from '../ui/unit-select';
import { type CameraSystem, canManageCameras } from './types';

const EXPOSURES = ['none', 'vpn_only', 'port_forward', 'cloud_p2p', 'unknown'] as const;
const STORAGE = [
  'nvr_local',
  'unit_server',
  'shared_datacenter',
  'cloud_vietnam',
  'cloud_foreign',
  'unknown',
] as const;

function SystemForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { user } = useSession();
  const client = useQueryClient();
  const [form, setForm] = useState({
    unitId: user.unitId as string | null,
    name: '',
    purpose: '',
    cameraCount: 0,
    nvrCount: 0,
    internetExposure: 'unknown' as string,
    storageLocation: 'nvr_local' as string,
  });
  const create = useMutation({
    mutationFn: () => api.post<CameraSystem>('/api/camera-systems', form),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['camera-systems'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <Group grow>
          <UnitSelect
            label={t('cameras.unit')}
            value={form.unitId}
            onChange={(unitId) => setForm({ ...form, unitId })}
          />
          <TextInput
            label={t('cameras.systemName')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </Group>
        <TextInput
          label={t('cameras.purpose')}
          value={form.purpose}
          onChange={(e) => setForm({ ...form, purpose: e.currentTarget.value })}
        />
        <Group grow>
          <NumberInput
            label={t('cameras.cameraCount')}
            min={0}
            value={form.cameraCount}
            onChange={(v) => setForm({ ...form, cameraCount: Number(v) || 0 })}
          />
          <NumberInput
            label={t('cameras.nvrCount')}
            min={0}
            value={form.nvrCount}
            onChange={(v) => setForm({ ...form, nvrCount: Number(v) || 0 })}
          />
          <Select
            label={t('cameras.exposure')}
            data={EXPOSURES.map((v) => ({ value: v, label: t(`cameras.exposure.${v}` as MessageKey) }))}
            value={form.internetExposure}
            onChange={(v) => setForm({ ...form, internetExposure: v ?? 'unknown' })}
          />
          <Select
            label={t('cameras.storage')}
            data={STORAGE.map((v) => ({ value: v, label: t(`cameras.storage.${v}` as MessageKey) }))}
            value={form.storageLocation}
            onChange={(v) => setForm({ ...form, storageLocation: v ?? 'unknown' })}
          />
        </Group>
        <ErrorAlert error={create.error} />
        <Group>
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('cameras.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('cameras.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Camera systems of the caller's subtree, with their approved level. */
export function SystemsTab() {
  const t = useT();
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const systems = useQuery({
    queryKey: ['camera-systems', { page }],
    queryFn: () => api.get<Page<CameraSystem>>('/api/camera-systems', { page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<CameraSystem>[] = [
    {
      key: 'name',
      header: t('cameras.systemName'),
      render: (s) => (
        <Anchor component={Link} to={`/cameras/systems/${s.id}`}>
          {s.name}
        </Anchor>
      ),
    },
    {
      key: 'cameras',
      header: t('cameras.cameraCount'),
      render: (s) => `${s.inventoryCameras} / ${s.cameraCount}`,
    },
    {
      key: 'exposure',
      header: t('cameras.exposure'),
      render: (s) => t(`cameras.exposure.${s.internetExposure}` as MessageKey),
    },
    {
      key: 'level',
      header: t('cameras.approvedLevel'),
      render: (s) =>
        s.approvedLevel ? (
          <Badge>{t('cameras.levelN', { level: s.approvedLevel })}</Badge>
        ) : (
          <Badge color="gray">{t('cameras.notApproved')}</Badge>
        ),
    },
  ];
  return (
    <>
      {canManageCameras(user.role) && !creating && (
        <Button mb="md" onClick={() => setCreating(true)}>
          {t('cameras.newSystem')}
        </Button>
      )}
      {creating && <SystemForm onDone={() => setCreating(false)} />}
      <ServerTable
        columns={columns}
        query={systems}
        rowKey={(s) => s.id}
        onPageChange={setPage}
        label={t('cameras.tabSystems')}
      />
    </>
  );
}
