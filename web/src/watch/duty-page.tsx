import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import type { Handover, RosterDetail } from './types';

function Handovers({ rosterId }: { rosterId: string }) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const [notes, setNotes] = useState('');
  const list = useQuery({
    queryKey: ['watch', 'handovers', rosterId],
    queryFn: () => api.get<{ items: Handover[] }>(`/api/watch/rosters/${rosterId}/handovers`),
  });
  const add = useMutation({
    mutationFn: () => api.post(`/api/watch/rosters/${rosterId}/handovers`, { notes }),
    onSuccess: () => {
      setNotes('');
      void client.invalidateQueries({ queryKey: ['watch', 'handovers', rosterId] });
    },
  });
  return (
    <Stack gap="xs">
      <Title order={5}>{t('watch.handovers')}</Title>
      {add.error && <ErrorAlert error={add.error} />}
      <Group align="flex-end">
        <Textarea
          style={{ flex: 1 }}
          label={t('watch.handoverNotes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <Button disabled={!notes.trim()} loading={add.isPending} onClick={() => add.mutate()}>
          {t('watch.send')}
        </Button>
      </Group>
      {list.data?.items.slice(0, 10).map((h) => (
        <Text key={h.id} size="sm">
          {formatDateTime(h.createdAt, lang)} · <b>{h.authorName}</b>: {h.notes}
        </Text>
      ))}
    </Stack>
  );
}

/** "Who is on duty now" for every roster in scope, the next shifts, and each roster's handover log. */
export function DutyPage() {
  const t = useT();
  const { lang } = useLanguage();
  const rosters = useQuery({
    queryKey: ['watch', 'rosters'],
    queryFn: () => api.get<{ items: RosterDetail[] }>('/api/watch/rosters'),
  });
  if (rosters.error) return <ErrorAlert error={rosters.error} />;
  return (
    <>
      <PageHeader title={t('watch.duty')} intro={t('watch.dutyIntro')} />
      {rosters.data?.items.length === 0 && <Text c="dimmed">{t('watch.noRosters')}</Text>}
      <Stack>
        {rosters.data?.items.map((r) => (
          <Card key={r.roster.id} withBorder>
            <Group justify="space-between">
              <Title order={4}>{r.roster.name}</Title>
              <Badge>
                {t(`watch.rotation.${r.roster.rotation}`)} · {r.roster.handoffTime} (+07:00)
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} my="sm">
              <Text>
                {t('watch.onDutyNow')}: <b>{r.onDuty?.displayName ?? '—'}</b>
                {r.source === 'override' && (
                  <Badge ml="xs" color="grape">
                    {t('watch.override')}
                  </Badge>
                )}
              </Text>
              <Text>
                {t('watch.next')}: <b>{r.next?.displayName ?? '—'}</b>
              </Text>
              <Text>
                {t('watch.supervisor')}: <b>{r.supervisor?.displayName ?? '—'}</b>
              </Text>
            </SimpleGrid>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('watch.shiftStart')}</Table.Th>
                  <Table.Th>{t('watch.onDuty')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.upcoming.slice(0, 7).map((s) => (
                  <Table.Tr key={s.startsAt}>
                    <Table.Td>{formatDateTime(s.startsAt, lang)}</Table.Td>
                    <Table.Td>
                      {r.names[s.onDuty] ?? s.onDuty}
                      {s.source === 'override' && ` (${t('watch.override')})`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Handovers rosterId={r.roster.id} />
          </Card>
        ))}
      </Stack>
    </>
  );
}
