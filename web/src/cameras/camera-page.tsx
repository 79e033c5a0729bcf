import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { CameraFindings } from './camera-findings';
import { ChecklistTable } from './checklist';
import { type Camera, canManageCameras } from './types';

/** One camera: what the inventory knows, its latest audit findings and its criteria checklist. */
export function CameraPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { user } = useSession();
  const camera = useQuery({ queryKey: ['camera', id], queryFn: () => api.get<Camera>(`/api/cameras/${id}`) });
  if (camera.error) return <ErrorAlert error={camera.error} onRetry={() => camera.refetch()} />;
  const c = camera.data;
  if (!c) return null;
  return (
    <Stack>
      <BackLink to="/cameras?tab=devices" label={t('cameras.tabDevices')} />
      <Title order={2}>{c.name ?? c.ip ?? c.mac}</Title>
      <Paper withBorder p="md">
        <Text size="sm">{[c.vendor, c.model, c.firmware].filter(Boolean).join(' · ') || '—'}</Text>
        <Text size="sm">
          IP {c.ip ?? '—'} · MAC {c.mac ?? '—'} · {t('cameras.serial')} {c.serial ?? '—'}
        </Text>
        <Text size="sm">
          {t('cameras.location')}: {c.location ?? '—'} · NVR: {c.nvr ?? '—'}
        </Text>
      </Paper>
      {canManageCameras(user.role) && <CameraFindings cameraId={id} />}
      <Title order={4}>{t('cameras.checklist')}</Title>
      <ChecklistTable target="camera" id={id} editable={canManageCameras(user.role)} />
    </Stack>
  );
}
