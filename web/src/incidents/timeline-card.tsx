import { Button, Card, Group, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import type { IncidentDetail } from './types';

type Props = { incident: IncidentDetail; canEdit: boolean; onChange: () => void };

/** Every action with who and when; a handler logs an action, at the time it happened if given. */
export function TimelineCard({ incident, canEdit, onChange }: Props) {
  const t = useT();
  const { lang } = useLanguage();
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api.post(`/api/incidents/${incident.id}/timeline`, {
        text,
        at: at ? new Date(at).toISOString() : undefined,
      }),
    onSuccess: () => {
      setText('');
      setAt('');
      onChange();
    },
  });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('incidents.timeline')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {incident.timeline.map((e) => (
          <Timeline.Item key={e.id} title={e.text}>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at, lang)} · {e.actorName ?? '—'}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {canEdit && (
        <Stack gap="xs" mt="md">
          {add.error && <ErrorAlert error={add.error} />}
          <Textarea
            placeholder={t('incidents.timelineText')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
          />
          <Group>
            <TextInput
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              aria-label={t('incidents.timelineAt')}
            />
            <Button size="xs" onClick={() => add.mutate()} disabled={!text.trim()} loading={add.isPending}>
              {t('incidents.timelineAdd')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
