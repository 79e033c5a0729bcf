import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { usePeople, vnLocalToIso } from './people';
import { FormModal, fieldOf, useRosterMutation } from './roster-forms';

/** Someone else on duty for an interval (swap, sick leave), typed in Vietnam time. */
export function OverrideFormModal({ rosterId, onClose }: { rosterId: string; onClose: () => void }) {
  const t = useT();
  const people = usePeople();
  const [userId, setUserId] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const save = useRosterMutation(
    () =>
      api.post(`/api/watch/rosters/${rosterId}/overrides`, {
        userId: userId ?? '',
        startsAt: vnLocalToIso(startsAt),
        endsAt: vnLocalToIso(endsAt),
        reason: reason.trim(),
      }),
    onClose,
  );
  const err = (n: string) => fieldOf(save.error, n);
  return (
    <FormModal
      title={t('watch.newOverride')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
    >
      <Select
        label={t('watch.onDuty')}
        required
        searchable
        data={people}
        value={userId}
        error={err('userId')}
        onChange={setUserId}
      />
      <Group grow>
        <TextInput
          type="datetime-local"
          label={t('watch.from')}
          required
          value={startsAt}
          error={err('startsAt')}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('watch.until')}
          required
          value={endsAt}
          error={err('endsAt')}
          onChange={(e) => setEndsAt(e.currentTarget.value)}
        />
      </Group>
      <TextInput
        label={t('watch.overrideReason')}
        required
        value={reason}
        error={err('reason')}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </FormModal>
  );
}

/** A public holiday: one person on duty for whole days, from the roster's handoff time. */
export function HolidayFormModal({ rosterId, onClose }: { rosterId: string; onClose: () => void }) {
  const t = useT();
  const people = usePeople();
  const [name, setName] = useState('');
  const [startDate, setStartDate] = useState('');
  const [days, setDays] = useState<number>(1);
  const [userId, setUserId] = useState<string | null>(null);
  const save = useRosterMutation(
    () =>
      api.post(`/api/watch/rosters/${rosterId}/holidays`, {
        name: name.trim(),
        startDate,
        days,
        userId: userId ?? '',
      }),
    onClose,
  );
  const err = (n: string) => fieldOf(save.error, n);
  return (
    <FormModal
      title={t('watch.newHoliday')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
    >
      <TextInput
        label={t('watch.holidayName')}
        placeholder="Tết Nguyên đán"
        required
        value={name}
        error={err('name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Group grow>
        <TextInput
          type="date"
          label={t('watch.startDate')}
          required
          value={startDate}
          error={err('startDate')}
          onChange={(e) => setStartDate(e.currentTarget.value)}
        />
        <NumberInput
          label={t('watch.holidayDays')}
          min={1}
          max={14}
          value={days}
          error={err('days')}
          onChange={(v) => setDays(Number(v))}
        />
      </Group>
      <Select
        label={t('watch.onDuty')}
        required
        searchable
        data={people}
        value={userId}
        error={err('userId')}
        onChange={setUserId}
      />
    </FormModal>
  );
}
