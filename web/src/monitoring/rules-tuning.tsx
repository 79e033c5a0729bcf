import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { UnitTuning } from './rules-types';

/** "Admins: adm_a, adm_b" per line ⇄ { Admins: ['adm_a', 'adm_b'] }. */
export function parsePlaceholders(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const values = line
      .slice(at + 1)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    out[line.slice(0, at).trim()] = values;
  }
  return out;
}

const formatPlaceholders = (p: Record<string, string[]>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}: ${v.join(', ')}`)
    .join('\n');

/** A unit's placeholder lists and filter documents (they hold for the unit and below). */
export function RulesTuning({ unitId, canEdit }: { unitId: string; canEdit: boolean }) {
  const t = useT();
  const client = useQueryClient();
  const key = ['sigma-tuning', unitId];
  const tuning = useQuery({
    queryKey: key,
    queryFn: () => api.get<UnitTuning>(`/api/sigma-tuning/${unitId}`),
  });
  const [text, setText] = useState('');
  const [filter, setFilter] = useState('');
  useEffect(() => setText(formatPlaceholders(tuning.data?.placeholders ?? {})), [tuning.data]);
  const done = (data: UnitTuning) => client.setQueryData(key, data);
  const save = useMutation({
    mutationFn: () =>
      api.put<UnitTuning>(`/api/sigma-tuning/${unitId}/placeholders`, {
        placeholders: parsePlaceholders(text),
      }),
    onSuccess: done,
  });
  const add = useMutation({
    mutationFn: () => api.post<UnitTuning>(`/api/sigma-tuning/${unitId}/filters`, { yaml: filter }),
    onSuccess: (data) => {
      setFilter('');
      done(data);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<UnitTuning>(`/api/sigma-tuning/${unitId}/filters/${id}`),
    onSuccess: done,
  });
  const error = tuning.error ?? save.error ?? add.error ?? remove.error;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>{t('rules.tuning')}</Title>
        {error && <ErrorAlert error={error} />}
        <Textarea
          label={t('rules.placeholders')}
          autosize
          minRows={2}
          value={text}
          disabled={!canEdit}
          onChange={(e) => setText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        {canEdit && (
          <Group>
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
              {t('rules.savePlaceholders')}
            </Button>
          </Group>
        )}
        <Text fw={600} size="sm">
          {t('rules.filters')}
        </Text>
        {(tuning.data?.filters ?? []).map((f) => (
          <Group key={f.id} justify="space-between">
            <Text size="sm">
              {f.title} → {f.rules.join(', ')}{' '}
              {f.inherited && <Badge variant="light">{t('rules.fromAbove')}</Badge>}
            </Text>
            {canEdit && !f.inherited && (
              <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(f.id)}>
                {t('rules.remove')}
              </Button>
            )}
          </Group>
        ))}
        {canEdit && (
          <>
            <Textarea
              label={t('rules.filterYaml')}
              autosize
              minRows={4}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <Group>
              <Button
                size="xs"
                disabled={!filter.trim()}
                onClick={() => add.mutate()}
                loading={add.isPending}
              >
                {t('rules.addFilter')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
