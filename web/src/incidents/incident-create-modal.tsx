import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';
import { INCIDENT_CATEGORIES, INCIDENT_SEVERITIES } from './types';

/** Opens a case by hand; the regime and the deadlines follow from the detection time. */
export function IncidentCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useSession();
  // Most cases are the officer's own unit's: prefilled, and choosing it again keeps it.
  const [unitId, setUnitId] = useState<string | null>(me.user.unitId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<string | null>('malware');
  const [severity, setSeverity] = useState<string | null>('medium');
  const [detectedAt, setDetectedAt] = useState('');
  const [affectedSystems, setAffectedSystems] = useState('');
  const [beyondCapacity, setBeyondCapacity] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      api.post<{ id: string }>('/api/incidents', {
        unitId,
        title,
        description,
        category,
        severity,
        detectedAt: detectedAt ? new Date(detectedAt).toISOString() : undefined,
        affectedSystems,
        beyondCapacity,
      }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: ['incidents'] });
      onClose();
      navigate(`/incidents/${created.id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('incidents.create')} size="lg">
      <Stack>
        {create.error && <ErrorAlert error={create.error} />}
        <UnitSelect
          label={t('incidents.unit')}
          value={unitId}
          onChange={setUnitId}
          required
          allowDeselect={false}
        />
        <TextInput
          label={t('incidents.titleLabel')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <Textarea
          label={t('incidents.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group grow>
          <Select
            label={t('incidents.category')}
            value={category}
            onChange={setCategory}
            data={INCIDENT_CATEGORIES.map((c) => ({
              value: c,
              label: t(`incidents.category.${c}` as never),
            }))}
          />
          <Select
            label={t('incidents.severity')}
            value={severity}
            onChange={setSeverity}
            data={INCIDENT_SEVERITIES.map((s) => ({
              value: s,
              label: t(`incidents.severity.${s}` as never),
            }))}
          />
        </Group>
        <TextInput
          type="datetime-local"
          label={t('incidents.detectedAt')}
          value={detectedAt}
          onChange={(e) => setDetectedAt(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('incidents.systems')}
          value={affectedSystems}
          onChange={(e) => setAffectedSystems(e.currentTarget.value)}
        />
        <Checkbox
          label={t('incidents.beyondCapacity')}
          checked={beyondCapacity}
          onChange={(e) => setBeyondCapacity(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button
            onClick={() => create.mutate()}
            loading={create.isPending}
            disabled={!unitId || !title || !detectedAt}
          >
            {t('incidents.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
