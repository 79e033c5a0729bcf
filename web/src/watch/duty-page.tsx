import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { HolidayFormModal, OverrideFormModal } from './exception-forms';
import { PoliciesCard } from './policies-card';
import { RosterFormModal } from './roster-forms';
import type { Handover, RosterDetail } from './types';

type Dialog =
  | { kind: 'roster'; roster?: RosterDetail['roster'] }
  | { kind: 'override' | 'holiday'; rosterId: string }
  | undefined;

function DutyDialog({ dialog, onClose }: { dialog: Dialog; onClose: () => void }) {
  if (!dialog) return null;
  if (dialog.kind === 'roster') return <RosterFormModal roster={dialog.roster} onClose={onClose} />;
  if (dialog.kind === 'override') return <OverrideFormModal rosterId={dialog.rosterId} onClose={onClose} />;
  return <HolidayFormModal rosterId={dialog.rosterId} onClose={onClose} />;
}

/** The overrides and holidays still ahead, each removable by a manager. */
function Overrides({ detail, canManage }: { detail: RosterDetail; canManage: boolean }) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/watch/rosters/${detail.roster.id}/overrides/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['watch', 'rosters'] }),
  });
  if (detail.overrides.length === 0) return null;
  return (
    <Stack gap={4} my="sm">
      <Title order={5}>{t('watch.overrides')}</Title>
      {remove.error && <ErrorAlert error={remove.error} />}
      {detail.overrides.map((o) => (
        <Group key={o.id} gap="xs">
          <Text size="sm">
            {formatDateTime(o.startsAt, lang)} → {formatDateTime(o.endsAt, lang)} ·{' '}
            <b>{detail.names[o.userId] ?? o.userId}</b> · {o.reason}
          </Text>
          {canManage && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(o.id)}>
              {t('common.delete')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

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
  const { user } = useSession();
  const canManage = user.role === 'admin' || user.role === 'unit_officer';
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const rosters = useQuery({
    queryKey: ['watch', 'rosters'],
    queryFn: () => api.get<{ items: RosterDetail[] }>('/api/watch/rosters'),
  });
  if (rosters.error) return <ErrorAlert error={rosters.error} />;
  return (
    <>
      <PageHeader
        title={t('watch.duty')}
        intro={t('watch.dutyIntro')}
        actions={
          canManage && <Button onClick={() => setDialog({ kind: 'roster' })}>{t('watch.newRoster')}</Button>
        }
      />
      <DutyDialog dialog={dialog} onClose={() => setDialog(undefined)} />
      {rosters.data?.items.length === 0 && <Text c="dimmed">{t('watch.noRosters')}</Text>}
      <Stack>
        {rosters.data?.items.map((r) => (
          <Card key={r.roster.id} withBorder>
            <Group justify="space-between">
              <Title order={4}>{r.roster.name}</Title>
              <Group gap="xs">
                <Badge>
                  {t(`watch.rotation.${r.roster.rotation}`)} · {r.roster.handoffTime} (+07:00)
                </Badge>
                {!r.roster.enabled && <Badge color="gray">{t('notify.disabled')}</Badge>}
                {canManage && (
                  <>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setDialog({ kind: 'roster', roster: r.roster })}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setDialog({ kind: 'override', rosterId: r.roster.id })}
                    >
                      {t('watch.newOverride')}
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setDialog({ kind: 'holiday', rosterId: r.roster.id })}
                    >
                      {t('watch.newHoliday')}
                    </Button>
                  </>
                )}
              </Group>
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
            <Overrides detail={r} canManage={canManage} />
            <Handovers rosterId={r.roster.id} />
          </Card>
        ))}
        <PoliciesCard canManage={canManage} />
      </Stack>
    </>
  );
}
