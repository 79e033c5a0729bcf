import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { PageHeader } from '../ui/page-header';
import type { Contact } from './types';

/** The incident contact directory: the dispatch's national points, each with a "checked on" date. */
export function IncidentContactsPage() {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['incident-contacts'],
    queryFn: () => api.get<{ items: Contact[] }>('/api/incident-contacts'),
  });
  const [editing, setEditing] = useState<Contact | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      api.patch(`/api/incident-contacts/${editing!.id}`, {
        ...draft,
        email: draft.email || null,
        checkedOn: draft.checkedOn || null,
      }),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: ['incident-contacts'] });
    },
  });
  const admin = can(me.user.role, 'manageIncidentContacts');
  const edit = (c: Contact) => {
    setEditing(c);
    setDraft({
      phone: c.phone ?? '',
      hotline: c.hotline ?? '',
      email: c.email ?? '',
      checkedOn: c.checkedOn ?? '',
    });
  };
  return (
    <>
      <PageHeader title={t('incidents.contacts')} intro={t('incidents.contactsIntro')} />
      {list.error && <ErrorAlert error={list.error} />}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.contactName')}</Table.Th>
            <Table.Th>{t('incidents.contactReach')}</Table.Th>
            <Table.Th>{t('incidents.checkedOn')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.note}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{[c.phone, c.hotline, c.email].filter(Boolean).join(' · ')}</Text>
              </Table.Td>
              <Table.Td>{c.checkedOn ?? '—'}</Table.Td>
              <Table.Td>
                {admin && (
                  <Button size="xs" variant="light" onClick={() => edit(c)}>
                    {t('incidents.edit')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!editing} onClose={() => setEditing(null)} title={editing?.shortName}>
        <Stack>
          {save.error && <ErrorAlert error={save.error} />}
          {(['phone', 'hotline', 'email'] as const).map((k) => (
            <TextInput
              key={k}
              label={k}
              value={draft[k] ?? ''}
              onChange={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
            />
          ))}
          <TextInput
            type="date"
            label={t('incidents.checkedOn')}
            value={draft.checkedOn ?? ''}
            onChange={(e) => setDraft({ ...draft, checkedOn: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('incidents.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
