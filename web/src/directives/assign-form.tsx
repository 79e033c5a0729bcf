import { Button, Group, MultiSelect, Paper, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { useUnits } from '../units/use-units';
import type { DirectiveDetail } from './types';

/** Hands tasks to units below the receiving unit, with one deadline for the batch. */
export function AssignForm({ directive }: { directive: DirectiveDetail }) {
  const t = useT();
  const client = useQueryClient();
  const units = useUnits();
  const [taskIds, setTaskIds] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [deadline, setDeadline] = useState(directive.deadline ?? '');
  const below = useMemo(
    () =>
      (units.data?.items ?? [])
        .filter((u) => u.id !== directive.unitId)
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data, directive.unitId],
  );
  const assign = useMutation({
    mutationFn: () => api.post(`/api/directives/${directive.id}/assignments`, { taskIds, unitIds, deadline }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['directives', directive.id] }),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('directives.assign')}
      </Title>
      <Group align="end" grow>
        <MultiSelect
          label={t('directives.tasks')}
          data={directive.tasks.map((task) => ({
            value: task.id,
            label: `${task.position}. ${task.text.slice(0, 60)}`,
          }))}
          value={taskIds}
          onChange={setTaskIds}
          data-testid="assign-tasks"
        />
        <MultiSelect
          label={t('directives.units')}
          data={below}
          value={unitIds}
          onChange={setUnitIds}
          searchable
          data-testid="assign-units"
        />
        <TextInput
          type="date"
          label={t('directives.deadline')}
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
        />
        <Button
          onClick={() => assign.mutate()}
          loading={assign.isPending}
          disabled={!taskIds.length || !unitIds.length || !deadline}
        >
          {t('directives.assignButton')}
        </Button>
      </Group>
      {assign.error && <ErrorAlert error={assign.error} />}
    </Paper>
  );
}
