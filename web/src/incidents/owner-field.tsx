import { Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { IncidentDetail, OwnerCandidate } from './types';

type Props = { incident: IncidentDetail; canEdit: boolean; onChange: () => void };

/** Who handles the case (and receives its deadline reminders); a handler gives it to someone else. */
export function OwnerField({ incident, canEdit, onChange }: Props) {
  const t = useT();
  const candidates = useQuery({
    queryKey: ['incidents', 'owner-candidates', incident.id],
    queryFn: () => api.get<{ items: OwnerCandidate[] }>(`/api/incidents/${incident.id}/owner-candidates`),
    enabled: canEdit,
  });
  const save = useMutation({
    mutationFn: (ownerUserId: string | null) =>
      api.put(`/api/incidents/${incident.id}/owner`, { ownerUserId }),
    onSuccess: onChange,
  });
  if (!canEdit) {
    return (
      <Text size="sm">
        {t('incidents.owner')}: {incident.ownerName ?? t('incidents.noOwner')}
      </Text>
    );
  }
  const options = (candidates.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.unitName})`,
  }));
  // The current owner stays visible while the list loads (or if they left the eligible units).
  if (incident.ownerUserId && !options.some((o) => o.value === incident.ownerUserId)) {
    options.unshift({ value: incident.ownerUserId, label: incident.ownerName ?? incident.ownerUserId });
  }
  return (
    <Stack gap={4}>
      {save.error && <ErrorAlert error={save.error} />}
      <Select
        label={t('incidents.owner')}
        description={t('incidents.ownerHint')}
        placeholder={t('incidents.noOwner')}
        data={options}
        value={incident.ownerUserId}
        onChange={(value) => save.mutate(value)}
        clearable
        searchable
        disabled={save.isPending}
        data-testid="incident-owner"
      />
    </Stack>
  );
}
