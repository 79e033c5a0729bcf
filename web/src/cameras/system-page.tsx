import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { ChecklistTable } from './checklist';
import { LevelWizard } from './level-wizard';
import { type Assessment, type CameraSystem, canManageCameras } from './types';

function Assessments({ systemId, editable }: { systemId: string; editable: boolean }) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['camera-assessments', systemId],
    queryFn: () => api.get<{ items: Assessment[] }>(`/api/camera-systems/${systemId}/assessments`),
  });
  const step = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'appraise' | 'approve' }) =>
      api.post(`/api/camera-systems/${systemId}/assessments/${id}/${action}`, {}),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['camera-assessments', systemId] });
      client.invalidateQueries({ queryKey: ['camera-system', systemId] });
    },
  });
  const who = (name: string | null, at: string | null) =>
    name ? `${name} · ${at ? formatDateTime(at, lang) : ''}` : '—';
  return (
    <>
      <ErrorAlert error={list.error ?? step.error} />
      <Table fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cameras.regime')}</Table.Th>
            <Table.Th>{t('cameras.level')}</Table.Th>
            <Table.Th>{t('cameras.statusLabel')}</Table.Th>
            <Table.Th>{t('cameras.proposed')}</Table.Th>
            <Table.Th>{t('cameras.appraised')}</Table.Th>
            <Table.Th>{t('cameras.approved')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.regime}</Table.Td>
              <Table.Td>
                <Badge>{t('cameras.levelN', { level: a.level })}</Badge>
                <Text size="xs" c="dimmed">
                  {a.decidingArticle}
                  {a.overrideReason ? ` · ${t('cameras.overridden')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{t(`cameras.a.${a.status}` as 'cameras.a.proposed')}</Table.Td>
              <Table.Td>{who(a.proposedBy, a.proposedAt)}</Table.Td>
              <Table.Td>{who(a.appraisedBy, a.appraisedAt)}</Table.Td>
              <Table.Td>{who(a.approvedBy, a.approvedAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Anchor size="sm" href={`/api/camera-systems/${systemId}/assessments/${a.id}/dossier.docx`}>
                    {t('cameras.dossier')}
                  </Anchor>
                  {editable && a.status === 'proposed' && (
                    <Button size="compact-xs" onClick={() => step.mutate({ id: a.id, action: 'appraise' })}>
                      {t('cameras.appraise')}
                    </Button>
                  )}
                  {editable && a.status === 'appraised' && (
                    <Button size="compact-xs" onClick={() => step.mutate({ id: a.id, action: 'approve' })}>
                      {t('cameras.approve')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** One camera system: its facts, the level wizard, the assessments with their dossier, its checklist. */
export function SystemPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { user } = useSession();
  const system = useQuery({
    queryKey: ['camera-system', id],
    queryFn: () => api.get<CameraSystem>(`/api/camera-systems/${id}`),
  });
  const editable = canManageCameras(user.role);
  if (system.error) return <ErrorAlert error={system.error} onRetry={() => system.refetch()} />;
  const s = system.data;
  if (!s) return null;
  return (
    <Stack>
      <BackLink to="/cameras" label={t('cameras.title')} />
      <Title order={2}>{s.name}</Title>
      <Paper withBorder p="md">
        <Text size="sm">{s.purpose ?? '—'}</Text>
        <Text size="sm">
          {t('cameras.cameraCount')}: {s.inventoryCameras} / {s.cameraCount} · {t('cameras.nvrCount')}:{' '}
          {s.nvrCount} · {t('cameras.exposure')}:{' '}
          {t(`cameras.exposure.${s.internetExposure}` as 'cameras.exposure.none')}
        </Text>
        <Text size="sm">
          {t('cameras.approvedLevel')}:{' '}
          {s.approvedLevel ? t('cameras.levelN', { level: s.approvedLevel }) : t('cameras.notApproved')}
        </Text>
      </Paper>
      <Title order={4}>{t('cameras.assessments')}</Title>
      <Assessments systemId={id} editable={editable} />
      {editable && (
        <>
          <Title order={4}>{t('cameras.wizard')}</Title>
          <LevelWizard systemId={id} recordsPeople={s.recordsIdentifiablePeople} />
        </>
      )}
      <Title order={4}>{t('cameras.checklist')}</Title>
      <ChecklistTable target="system" id={id} editable={editable} />
    </Stack>
  );
}
