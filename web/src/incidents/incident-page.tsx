import { Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { EvidenceCard } from './evidence-card';
import { IndicatorsCard } from './indicators-card';
import { OwnerField } from './owner-field';
import { ReportsCard } from './reports-card';
import { TimelineCard } from './timeline-card';
import type { IncidentDetail } from './types';

/** One case: status workflow, timeline, evidence, indicators, report forms with countdowns, exports. */
export function IncidentPage() {
  const { id } = useParams();
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [lessons, setLessons] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['incidents', 'detail', id],
    queryFn: () => api.get<IncidentDetail>(`/api/incidents/${id}`),
    // The countdowns come from the server: refresh them every minute.
    refetchInterval: 60_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['incidents'] });
  const move = useMutation({
    mutationFn: (status: string) =>
      api.post(`/api/incidents/${id}/status`, { status, note: note || undefined }),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
  });
  const saveLessons = useMutation({
    mutationFn: () => api.patch(`/api/incidents/${id}`, { lessonsLearned: lessons }),
    onSuccess: refresh,
  });
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  const c = detail.data;
  if (!c) return null;
  const handler = can(me.user.role, 'handleIncidents');
  return (
    <>
      <BackLink to="/incidents" label={t('incidents.title')} />
      <PageHeader
        title={`${c.reference}: ${c.title}`}
        intro={`${c.unitName} · ${t(`incidents.category.${c.category}` as never)}`}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Stack gap="xs">
              <Group>
                <Badge size="lg">{t(`incidents.status.${c.status}` as never)}</Badge>
                <Badge variant="outline">{t(`incidents.severity.${c.severity}` as never)}</Badge>
                {c.serious && <Badge color="red">{t('incidents.serious')}</Badge>}
              </Group>
              <OwnerField incident={c} canEdit={handler} onChange={refresh} />
              <Text size="sm">
                {t('incidents.detectedAt')}: {formatDateTime(c.detectedAt, lang)}
              </Text>
              <Text size="sm">
                {t('incidents.regime')}: {c.regime}
              </Text>
              <Text size="sm">
                {t('incidents.systems')}: {c.affectedSystems || '—'}
              </Text>
              {c.sourceSummary && (
                <Text size="sm">
                  {t('incidents.source')}: {c.sourceSummary}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.description}
              </Text>
              {handler && c.allowedTransitions.length > 0 && (
                <Stack gap={4}>
                  {move.error && <ErrorAlert error={move.error} />}
                  <Textarea
                    placeholder={t('incidents.statusNote')}
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                    autosize
                  />
                  <Group gap="xs">
                    {c.allowedTransitions.map((s) => (
                      <Button
                        key={s}
                        size="xs"
                        variant="light"
                        onClick={() => move.mutate(s)}
                        loading={move.isPending}
                      >
                        → {t(`incidents.status.${s}` as never)}
                      </Button>
                    ))}
                  </Group>
                </Stack>
              )}
              <Title order={5}>{t('incidents.lessons')}</Title>
              <Textarea
                value={lessons ?? c.lessonsLearned ?? ''}
                onChange={(e) => setLessons(e.currentTarget.value)}
                autosize
                minRows={2}
                readOnly={!handler}
              />
              {handler && lessons !== null && (
                <Button size="xs" onClick={() => saveLessons.mutate()} loading={saveLessons.isPending}>
                  {t('incidents.save')}
                </Button>
              )}
              <Group gap="xs">
                <Anchor href={`/api/incidents/${c.id}/export/stix`} size="sm">
                  STIX 2.1
                </Anchor>
                <Anchor href={`/api/incidents/${c.id}/export/misp`} size="sm">
                  MISP
                </Anchor>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <ReportsCard incident={c} canEdit={handler} onChange={refresh} />
            <TimelineCard incident={c} canEdit={handler} onChange={refresh} />
            <EvidenceCard incident={c} canEdit={handler} onChange={refresh} />
            <IndicatorsCard incident={c} canEdit={handler} onChange={refresh} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
