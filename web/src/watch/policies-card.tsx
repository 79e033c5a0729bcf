import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { useChannels, usePolicies } from './people';
import { PolicyFormModal } from './policy-form-modal';
import type { Policy } from './types';

/** The escalation policies in scope, each step in one line; create, edit and delete for managers. */
export function PoliciesCard({ canManage }: { canManage: boolean }) {
  const t = useT();
  const client = useQueryClient();
  const policies = usePolicies();
  const channels = new Map(useChannels().map((c) => [c.id, c.name]));
  const [editing, setEditing] = useState<Policy | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/watch/policies/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['watch', 'policies'] }),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('watch.policies')}</Title>
        {canManage && <Button onClick={() => setEditing(null)}>{t('watch.newPolicy')}</Button>}
      </Group>
      {editing !== undefined && (
        <PolicyFormModal policy={editing ?? undefined} onClose={() => setEditing(undefined)} />
      )}
      {policies.error && <ErrorAlert error={policies.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      <Stack gap="xs">
        {policies.data?.items.length === 0 && <Text c="dimmed">{t('watch.noPolicies')}</Text>}
        {policies.data?.items.map((p) => (
          <Group key={p.id} justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text fw={600}>{p.name}</Text>
              <Text size="sm">
                {p.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position in the policy
                  <Badge key={i} variant="light" mr={4}>
                    {i + 1}. {t(`watch.target.${s.target}`)} ·{' '}
                    {s.channelIds.map((id) => channels.get(id) ?? '?').join(', ')} ·{' '}
                    {t('watch.waitN', { n: s.waitMinutes })}
                  </Badge>
                ))}
              </Text>
            </Stack>
            {canManage && (
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => window.confirm(t('watch.confirmDelete')) && remove.mutate(p.id)}
                >
                  {t('common.delete')}
                </Button>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
