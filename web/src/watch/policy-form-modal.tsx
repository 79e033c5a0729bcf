import { Button, Group, MultiSelect, NumberInput, Paper, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { UnitSelect } from '../ui/unit-select';
import { FormModal, useSaveAndClose } from './form-modal';
import { useChannels, usePeople } from './people';
import type { Policy } from './types';

type Step = Policy['steps'][number];
const TARGETS = ['on_duty', 'next_on_duty', 'supervisor', 'user'] as const;
const FIRST_STEPS: Step[] = [
  { target: 'on_duty', channelIds: [], waitMinutes: 10 },
  { target: 'next_on_duty', channelIds: [], waitMinutes: 10 },
  { target: 'supervisor', channelIds: [], waitMinutes: 30 },
];

/** Not acknowledged in N minutes → the next step's person; steps in order, each on its channels. */
export function PolicyFormModal({ policy, onClose }: { policy?: Policy; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const people = usePeople();
  const channels = useChannels().map((c) => ({ value: c.id, label: `${c.name} (${c.kind})` }));
  const [unitId, setUnitId] = useState<string | null>(policy?.unitId ?? me.user.unitId);
  const [name, setName] = useState(policy?.name ?? '');
  const [steps, setSteps] = useState<Step[]>(policy?.steps ?? FIRST_STEPS);
  const change = (index: number, patch: Partial<Step>) =>
    setSteps((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const save = useSaveAndClose(
    () => {
      const body = {
        name: name.trim(),
        steps: steps.map((s) => ({ ...s, userId: s.target === 'user' ? s.userId : undefined })),
      };
      return policy
        ? api.patch<Policy>(`/api/watch/policies/${policy.id}`, body)
        : api.post<Policy>('/api/watch/policies', { unitId: unitId ?? '', ...body });
    },
    ['watch', 'policies'],
    onClose,
  );
  const problem = save.fieldError;
  return (
    <FormModal
      size="xl"
      title={policy ? t('watch.editPolicy', { name: policy.name }) : t('watch.newPolicy')}
      {...save.frame}
    >
      {!policy && <UnitSelect label={t('watch.unit')} value={unitId} onChange={setUnitId} required />}
      <TextInput
        label={t('watch.policyName')}
        required
        value={name}
        error={problem('name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      {steps.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position in the policy
        <Paper key={i} withBorder p="sm">
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('watch.stepN', { n: i + 1 })}
              data={TARGETS.map((v) => ({ value: v, label: t(`watch.target.${v}`) }))}
              value={step.target}
              allowDeselect={false}
              onChange={(v) => change(i, { target: (v ?? 'on_duty') as Step['target'] })}
            />
            {step.target === 'user' && (
              <Select
                label={t('watch.stepUser')}
                searchable
                data={people}
                value={step.userId ?? null}
                error={problem(`steps.${i}.userId`)}
                onChange={(v) => change(i, { userId: v ?? undefined })}
              />
            )}
            <MultiSelect
              label={t('watch.stepChannels')}
              searchable
              data={channels}
              value={step.channelIds}
              error={problem(`steps.${i}.channelIds`)}
              onChange={(v) => change(i, { channelIds: v })}
              style={{ minWidth: 220 }}
            />
            <NumberInput
              label={t('watch.stepWait')}
              min={1}
              max={1440}
              value={step.waitMinutes}
              error={problem(`steps.${i}.waitMinutes`)}
              onChange={(v) => change(i, { waitMinutes: Number(v) })}
              w={160}
            />
            <Button
              variant="subtle"
              color="red"
              disabled={steps.length === 1}
              onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
            >
              {t('common.delete')}
            </Button>
          </Group>
        </Paper>
      ))}
      <Group>
        <Button
          variant="light"
          disabled={steps.length >= 10}
          onClick={() =>
            setSteps((all) => [...all, { target: 'supervisor', channelIds: [], waitMinutes: 15 }])
          }
        >
          {t('watch.addStep')}
        </Button>
      </Group>
    </FormModal>
  );
}
