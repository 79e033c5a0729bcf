import { Checkbox, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { UnitSelect } from '../ui/unit-select';
import { FormModal, useFormValues } from './form-modal';
import { usePeople, usePolicies } from './people';
import type { RosterDetail } from './types';

type Roster = RosterDetail['roster'];
type RosterValues = Pick<
  Roster,
  'name' | 'rotation' | 'handoffTime' | 'startDate' | 'members' | 'supervisorId' | 'policyId' | 'enabled'
> & { unitId: string | null };

/** What saving a roster form refreshes: the rosters and what hangs off them (overrides, holidays). */
export const ROSTERS_KEY = ['watch', 'rosters'] as const;

/** Creates or edits a roster: rotation, handoff time, ordered members, supervisor, escalation policy. */
export function RosterFormModal({ roster, onClose }: { roster?: Roster; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const people = usePeople();
  const policies = (usePolicies().data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const form = useFormValues<RosterValues>(
    {
      unitId: roster?.unitId ?? me.user.unitId,
      name: roster?.name ?? '',
      rotation: roster?.rotation ?? 'daily',
      handoffTime: roster?.handoffTime ?? '08:00',
      startDate: roster?.startDate ?? '',
      members: roster?.members ?? [],
      supervisorId: roster?.supervisorId ?? null,
      policyId: roster?.policyId ?? null,
      enabled: roster?.enabled ?? true,
    },
    ({ unitId, ...values }) => {
      const body = { ...values, name: values.name.trim() };
      return roster
        ? api.patch(`/api/watch/rosters/${roster.id}`, body)
        : api.post('/api/watch/rosters', { unitId: unitId ?? '', ...body });
    },
    ROSTERS_KEY,
    onClose,
  );
  return (
    <FormModal
      title={roster ? t('watch.editRoster', { name: roster.name }) : t('watch.newRoster')}
      {...form.frame}
    >
      {!roster && (
        <UnitSelect
          label={t('watch.unit')}
          value={form.values.unitId}
          onChange={(v) => form.set('unitId', v)}
          required
        />
      )}
      <TextInput label={t('watch.rosterName')} required {...form.text('name')} />
      <Group grow>
        <Select
          label={t('watch.rotationLabel')}
          allowDeselect={false}
          data={(['daily', 'weekly'] as const).map((v) => ({ value: v, label: t(`watch.rotation.${v}`) }))}
          value={form.values.rotation}
          onChange={(v) => form.set('rotation', v ?? 'daily')}
        />
        <TextInput label={t('watch.handoffTime')} placeholder="08:00" {...form.text('handoffTime')} />
        <TextInput type="date" label={t('watch.startDate')} required {...form.text('startDate')} />
      </Group>
      <MultiSelect
        label={t('watch.members')}
        description={t('watch.membersHint')}
        searchable
        data={people}
        {...form.bind('members')}
      />
      <Select
        label={t('watch.supervisor')}
        searchable
        clearable
        data={people}
        value={form.values.supervisorId}
        onChange={(v) => form.set('supervisorId', v)}
      />
      <Select
        label={t('watch.policy')}
        clearable
        data={policies}
        value={form.values.policyId}
        onChange={(v) => form.set('policyId', v)}
      />
      <Checkbox
        label={t('watch.rosterEnabled')}
        checked={form.values.enabled}
        onChange={(e) => form.set('enabled', e.currentTarget.checked)}
      />
    </FormModal>
  );
}
