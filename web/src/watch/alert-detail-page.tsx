import { Badge, Button, Code, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { LEVEL_COLORS, type WatchAlertDetail } from './types';

const REASONS = ['resolved', 'false_positive', 'benign', 'duplicate', 'promoted'] as const;

/** One alert: the rule and its author, the evidence, the timeline; acknowledge, assign, comment, close. */
export function AlertDetailPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { id } = useParams();
  const { user } = useSession();
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['watch', 'alerts', 'detail', id],
    queryFn: () => api.get<WatchAlertDetail>(`/api/watch/alerts/${id}`),
  });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post(`/api/watch/alerts/${id}/${path}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['watch', 'alerts'] }),
  });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return null;
  const { alert, timeline } = detail.data;
  const canAct = user.role !== 'viewer';
  return (
    <Stack>
      <BackLink to="/watch/alerts" label={t('watch.queue')} />
      <Group>
        <Badge color={LEVEL_COLORS[alert.level]}>{t(`watch.level.${alert.level}`)}</Badge>
        <Title order={2}>{alert.title}</Title>
      </Group>
      <Text size="sm">
        {t('watch.rule')}: {alert.ruleTitle} ({alert.ruleId}) ·{' '}
        {t('watch.ruleBy', { author: alert.ruleAuthor })}
      </Text>
      <Text size="sm">
        {alert.unitName} · {t('watch.status')}: {t(`watch.status.${alert.status}`)} · {t('watch.count')}:{' '}
        {alert.count} · {formatDateTime(alert.firstSeenAt, lang)} → {formatDateTime(alert.lastSeenAt, lang)}
      </Text>
      {alert.excerpt && <Code block>{alert.excerpt}</Code>}
      {act.error && <ErrorAlert error={act.error} />}
      {canAct && (
        <Group>
          {alert.status === 'new' && (
            <Button onClick={() => act.mutate({ path: 'status', body: { status: 'acknowledged' } })}>
              {t('watch.acknowledge')}
            </Button>
          )}
          {(alert.status === 'new' || alert.status === 'acknowledged' || alert.status === 'closed') && (
            <Button
              variant="light"
              onClick={() => act.mutate({ path: 'status', body: { status: 'in_progress' } })}
            >
              {t('watch.startWork')}
            </Button>
          )}
          <Button
            variant="light"
            onClick={() => act.mutate({ path: 'assign', body: { assigneeId: user.id } })}
          >
            {t('watch.assignMe')}
          </Button>
          {alert.status !== 'closed' && (
            <Group gap="xs">
              <Select
                placeholder={t('watch.closeReason')}
                data={REASONS.map((r) => ({ value: r, label: t(`watch.reason.${r}`) }))}
                value={reason}
                onChange={setReason}
              />
              <Button
                color="gray"
                disabled={!reason}
                onClick={() => act.mutate({ path: 'status', body: { status: 'closed', reason } })}
              >
                {t('watch.close')}
              </Button>
            </Group>
          )}
        </Group>
      )}
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('watch.timeline')}
        </Title>
        <Stack gap="xs">
          {timeline.map((e) => (
            <Text key={e.id} size="sm">
              {formatDateTime(e.at, lang)} · <b>{t(`watch.event.${e.kind}`)}</b> · {e.actorName ?? '—'}
              {e.body ? `: ${e.body}` : ''}
            </Text>
          ))}
        </Stack>
        {canAct && (
          <Group mt="sm" align="flex-end">
            <Textarea
              style={{ flex: 1 }}
              label={t('watch.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Button
              disabled={!comment.trim()}
              onClick={() =>
                act.mutate({ path: 'comments', body: { body: comment } }, { onSuccess: () => setComment('') })
              }
            >
              {t('watch.send')}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
