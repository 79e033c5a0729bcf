import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { FormModal, useFormValues } from './form-modal';
import { usePeople, vnLocalToIso } from './people';
import { ROSTERS_KEY } from './roster-forms';

/** Someone else on duty for an interval (swap, sick leave), typed in Vietnam time. */
export function OverrideFormModal({ rosterId, onClose }: { rosterId: string; onClose: () => void }) {
  const t = useT();
  const people = usePeople();
  const form = useFormValues(
    { userId: null as string | null, startsAt: '', endsAt: '', reason: '' },
    (v) =>
      api.post(`/api/watch/rosters/${rosterId}/overrides`, {
        userId: v.userId ?? '',
        startsAt: vnLocalToIso(v.startsAt),
        endsAt: vnLocalToIso(v.endsAt),
        reason: v.reason.trim(),
      }),
    ROSTERS_KEY,
    onClose,
  );
  return (
    <FormModal title={t('watch.newOverride')} {...form.frame}>
      <Select label={t('watch.onDuty')} required searchable data={people} {...form.bind('userId')} />
      <Group grow>
        <TextInput type="datetime-local" label={t('watch.from')} required {...form.text('startsAt')} />
        <TextInput type="datetime-local" label={t('watch.until')} required {...form.text('endsAt')} />
      </Group>
      <TextInput label={t('watch.overrideReason')} required {...form.text('reason')} />
    </FormModal>
  );
}

/** A public holiday: one person on duty for whole days, from the roster's handoff time. */
export function HolidayFormModal({ rosterId, onClose }: { rosterId: string; onClose: () => void }) {
  const t = useT();
  const people = usePeople();
  const form = useFormValues(
    { name: '', startDate: '', days: 1, userId: null as string | null },
    (v) =>
      api.post(`/api/watch/rosters/${rosterId}/holidays`, {
        name: v.name.trim(),
        startDate: v.startDate,
        days: v.days,
        userId: v.userId ?? '',
      }),
    ROSTERS_KEY,
    onClose,
  );
  return (
    <FormModal title={t('watch.newHoliday')} {...form.frame}>
      <TextInput
        label={t('watch.holidayName')}
        placeholder="Tết Nguyên đán"
        required
        {...form.text('name')}
      />
      <Group grow>
        <TextInput type="date" label={t('watch.startDate')} required {...form.text('startDate')} />
        <NumberInput
          label={t('watch.holidayDays')}
          min={1}
          max={14}
          {...form.bind('days')}
          onChange={(v) => form.set('days', Number(v))}
        />
      </Group>
      <Select label={t('watch.onDuty')} required searchable data={people} {...form.bind('userId')} />
    </FormModal>
  );
}
