import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';
import { usePeople, usePolicies } from './people';
import type { RosterDetail } from './types';

type Roster = RosterDetail['roster'];

/** The modal frame every roster form shares: title, the server's error, cancel and save. */
export function FormModal(props: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  error: unknown;
  pending: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal
      opened
      onClose={props.onClose}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={props.title}
    >
      <form onSubmit={submit}>
        <Stack>
          {props.children}
          {props.error ? <ErrorAlert error={props.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function useRosterMutation<T>(fn: () => Promise<T>, onClose: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['watch', 'rosters'] });
      onClose();
    },
  });
}

export const fieldOf = (error: unknown, name: string) =>
  error instanceof ApiError ? error.fieldMessage(name) : undefined;

/** Creates or edits a roster: rotation, handoff time, ordered members, supervisor, escalation policy. */
export function RosterFormModal({ roster, onClose }: { roster?: Roster; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const people = usePeople();
  const policies = (usePolicies().data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const [unitId, setUnitId] = useState<string | null>(roster?.unitId ?? me.user.unitId);
  const [name, setName] = useState(roster?.name ?? '');
  const [rotation, setRotation] = useState<string>(roster?.rotation ?? 'daily');
  const [handoffTime, setHandoff] = useState(roster?.handoffTime ?? '08:00');
  const [startDate, setStartDate] = useState(roster?.startDate ?? '');
  const [members, setMembers] = useState<string[]>(roster?.members ?? []);
  const [supervisorId, setSupervisor] = useState<string | null>(roster?.supervisorId ?? null);
  const [policyId, setPolicy] = useState<string | null>(roster?.policyId ?? null);
  const [enabled, setEnabled] = useState(roster?.enabled ?? true);
  const save = useRosterMutation(() => {
    const body = {
      name: name.trim(),
      rotation,
      handoffTime,
      startDate,
      members,
      supervisorId,
      policyId,
      enabled,
    };
    return roster
      ? api.patch(`/api/watch/rosters/${roster.id}`, body)
      : api.post('/api/watch/rosters', { unitId: unitId ?? '', ...body });
  }, onClose);
  const err = (n: string) => fieldOf(save.error, n);
  return (
    <FormModal
      title={roster ? t('watch.editRoster', { name: roster.name }) : t('watch.newRoster')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
    >
      {!roster && <UnitSelect label={t('watch.unit')} value={unitId} onChange={setUnitId} required />}
      <TextInput
        label={t('watch.rosterName')}
        required
        value={name}
        error={err('name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Group grow>
        <Select
          label={t('watch.rotationLabel')}
          allowDeselect={false}
          data={(['daily', 'weekly'] as const).map((v) => ({ value: v, label: t(`watch.rotation.${v}`) }))}
          value={rotation}
          onChange={(v) => setRotation(v ?? 'daily')}
        />
        <TextInput
          label={t('watch.handoffTime')}
          placeholder="08:00"
          value={handoffTime}
          error={err('handoffTime')}
          onChange={(e) => setHandoff(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('watch.startDate')}
          required
          value={startDate}
          error={err('startDate')}
          onChange={(e) => setStartDate(e.currentTarget.value)}
        />
      </Group>
      <MultiSelect
        label={t('watch.members')}
        description={t('watch.membersHint')}
        searchable
        data={people}
        value={members}
        error={err('members')}
        onChange={setMembers}
      />
      <Select
        label={t('watch.supervisor')}
        searchable
        clearable
        data={people}
        value={supervisorId}
        onChange={setSupervisor}
      />
      <Select label={t('watch.policy')} clearable data={policies} value={policyId} onChange={setPolicy} />
      <Checkbox
        label={t('watch.rosterEnabled')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
