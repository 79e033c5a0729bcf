import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { LevelAnswers, Regime, SuggestResult } from './types';

const SYSTEM_TYPES = ['noi_bo', 'nguoi_dan_doanh_nghiep', 'co_so_ha_tang', 'dieu_khien_cong_nghiep', 'khac'];
const INFO_TYPES = ['cong_cong', 'rieng', 'ca_nhan', 'bi_mat_nha_nuoc'];

const START: LevelAnswers = {
  systemType: 'noi_bo',
  informationTypes: ['ca_nhan'],
  stateSecretHarm: 'none',
  publicServiceLevel: 0,
  conditionalBusiness: false,
  users: 0,
  basicDataSubjects: 0,
  sensitiveDataSubjects: 0,
  handlesAdminProcedures: false,
  infrastructureScope: 'none',
  nationalEgov247: false,
  icsWorksGrade: 'none',
  centralNationalData: false,
  pmDecision: false,
  riskAssessmentLevel: 0,
};

/** The level questions of the chosen regime; the suggestion and its clauses update as answers change. */
export function LevelWizard({ systemId, recordsPeople }: { systemId: string; recordsPeople: boolean }) {
  const t = useT();
  const k = (key: string) => t(key as MessageKey);
  const { user } = useSession();
  const client = useQueryClient();
  const [regime, setRegime] = useState<Regime>('nd331-2026');
  const [answers, setAnswers] = useState<LevelAnswers>({
    ...START,
    informationTypes: recordsPeople ? ['ca_nhan'] : ['cong_cong'],
  });
  const [override, setOverride] = useState<{ level: string | null; reason: string }>({
    level: null,
    reason: '',
  });
  const set = (patch: Partial<LevelAnswers>) => setAnswers({ ...answers, ...patch });
  const suggestion = useQuery({
    queryKey: ['camera-suggest', regime, answers],
    queryFn: () => api.post<SuggestResult>('/api/camera-levels/suggest', { regime, answers }),
  });
  const propose = useMutation({
    mutationFn: () =>
      api.post(`/api/camera-systems/${systemId}/assessments`, {
        regime,
        answers,
        ...(override.level ? { overrideLevel: Number(override.level), overrideReason: override.reason } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['camera-assessments', systemId] }),
  });
  const s = suggestion.data?.suggestion;
  const bool = (name: keyof LevelAnswers) => (
    <Checkbox
      label={k(`cameras.q.${name}`)}
      checked={Boolean(answers[name])}
      onChange={(e) => set({ [name]: e.currentTarget.checked })}
    />
  );
  const num = (name: keyof LevelAnswers) => (
    <NumberInput
      label={k(`cameras.q.${name}`)}
      min={0}
      value={answers[name] as number}
      onChange={(v) => set({ [name]: Number(v) || 0 })}
    />
  );
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Select
          label={t('cameras.regime')}
          value={regime}
          onChange={(v) => setRegime((v ?? 'nd331-2026') as Regime)}
          data={[
            { value: 'nd331-2026', label: 'Nghị định 331/2026/NĐ-CP' },
            { value: 'nd85-2016', label: 'Nghị định 85/2016/NĐ-CP' },
          ]}
        />
        <Group grow>
          <Select
            label={k('cameras.q.systemType')}
            data={SYSTEM_TYPES.map((v) => ({ value: v, label: k(`cameras.v.${v}`) }))}
            value={answers.systemType}
            onChange={(v) => set({ systemType: (v ?? 'noi_bo') as LevelAnswers['systemType'] })}
          />
          <MultiSelect
            label={k('cameras.q.informationTypes')}
            data={INFO_TYPES.map((v) => ({ value: v, label: k(`cameras.v.${v}`) }))}
            value={answers.informationTypes}
            onChange={(v) => set({ informationTypes: v as LevelAnswers['informationTypes'] })}
          />
        </Group>
        <Group grow>
          {regime === 'nd85-2016' ? num('users') : num('basicDataSubjects')}
          {regime === 'nd85-2016' ? num('publicServiceLevel') : num('sensitiveDataSubjects')}
          {regime === 'nd331-2026' && num('riskAssessmentLevel')}
        </Group>
        <Group>
          {regime === 'nd331-2026' && bool('handlesAdminProcedures')}
          {bool('conditionalBusiness')}
          {bool('nationalEgov247')}
          {bool('centralNationalData')}
          {bool('pmDecision')}
        </Group>
        <ErrorAlert error={suggestion.error} />
        {s && (
          <Alert
            color={s.deciding.fallback ? 'yellow' : 'blue'}
            title={t('cameras.suggested', { level: s.level })}
          >
            <Text size="sm">
              {s.deciding.article.vi}: {s.deciding.text.vi}
            </Text>
            {!s.deciding.verified && (
              <Text size="xs" c="dimmed">
                {t('cameras.unverified')}
              </Text>
            )}
            <Table mt="xs" fz="xs">
              <Table.Tbody>
                {s.answers
                  .filter((a) => a.clauses.length > 0)
                  .map((a) => (
                    <Table.Tr key={a.question}>
                      <Table.Td>{k(`cameras.q.${a.question}`)}</Table.Td>
                      <Table.Td>
                        {a.clauses.map((c) => (
                          <Badge key={c} size="xs" mr={4}>
                            {c}
                          </Badge>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" mt="xs">
              {t('cameras.path', {
                appraise: suggestion.data!.path.appraisedBy,
                approve: suggestion.data!.path.approvedBy,
              })}
            </Text>
          </Alert>
        )}
        {user.role === 'admin' && (
          <Group grow align="flex-start">
            <Select
              label={t('cameras.overrideLevel')}
              clearable
              data={['1', '2', '3', '4', '5']}
              value={override.level}
              onChange={(level) => setOverride({ ...override, level })}
            />
            <Textarea
              label={t('cameras.overrideReason')}
              value={override.reason}
              onChange={(e) => setOverride({ ...override, reason: e.currentTarget.value })}
            />
          </Group>
        )}
        <ErrorAlert error={propose.error} />
        <Group>
          <Button onClick={() => propose.mutate()} loading={propose.isPending}>
            {t('cameras.propose')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
