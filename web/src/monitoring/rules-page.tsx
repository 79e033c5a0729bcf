import {
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { PageHeader } from '../ui/page-header';
import { UnitSelect } from '../ui/unit-select';
import { LEVEL_COLORS } from '../watch/types';
import { RulesImport } from './rules-import';
import { RulesTuning } from './rules-tuning';
import { LEVELS, type RuleRow } from './rules-types';

type Level = (typeof LEVELS)[number];

type Filters = { unitId: string | null; level: string[]; tag: string; technique: string; q: string };

/** The rules, filtered; switched one by one or all shown at once, platform-wide or for one unit. */
export function RulesPage() {
  const t = useT();
  const { user } = useSession();
  const client = useQueryClient();
  const [f, setF] = useState<Filters>({ unitId: null, level: [], tag: '', technique: '', q: '' });
  const query = {
    unitId: f.unitId ?? undefined,
    level: f.level.join(','),
    tag: f.tag.trim(),
    technique: /^[Tt]\d{4}(\.\d{3})?$/.test(f.technique.trim()) ? f.technique.trim() : undefined,
    q: f.q.trim(),
  };
  const list = useQuery({
    queryKey: ['sigma-rules', query],
    queryFn: () => api.get<{ items: RuleRow[]; total: number }>('/api/sigma-rules', query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['sigma-rules'] });
  const toggle = useMutation({
    mutationFn: (r: RuleRow) =>
      f.unitId
        ? api.put(`/api/sigma-rules/${r.id}/units/${f.unitId}`, { enabled: !r.effectiveEnabled })
        : api.patch(`/api/sigma-rules/${r.id}`, { enabled: !r.enabled }),
    onSuccess: refresh,
  });
  const bulk = useMutation({
    mutationFn: (enabled: boolean | null) =>
      api.post<{ changed: number }>('/api/sigma-rules/bulk', {
        ...(f.unitId ? { unitId: f.unitId } : {}),
        enabled,
        select: { ids: (list.data?.items ?? []).map((r) => r.id) },
      }),
    onSuccess: refresh,
  });
  const canSwitch = f.unitId ? user.role === 'admin' || user.role === 'unit_officer' : user.role === 'admin';
  const set = (patch: Partial<Filters>) => setF((old) => ({ ...old, ...patch }));
  return (
    <Stack>
      <PageHeader
        title={t('rules.title')}
        intro={t('rules.intro')}
        actions={
          user.role === 'admin' && (
            <Button component={Link} to="/monitoring/rules/new">
              {t('rules.new')}
            </Button>
          )
        }
      />
      {user.role === 'admin' && <RulesImport onDone={refresh} />}
      <Group align="flex-end">
        <UnitSelect
          label={t('rules.unit')}
          value={f.unitId}
          onChange={(unitId) => set({ unitId })}
          clearable
        />
        <MultiSelect
          w={240}
          label={t('rules.level')}
          data={LEVELS.map((l) => ({ value: l, label: t(`watch.level.${l}`) }))}
          value={f.level}
          onChange={(level) => set({ level })}
        />
        <TextInput
          label={t('rules.tag')}
          value={f.tag}
          onChange={(e) => set({ tag: e.currentTarget.value })}
        />
        <TextInput
          label={t('rules.technique')}
          value={f.technique}
          onChange={(e) => set({ technique: e.currentTarget.value })}
        />
        <TextInput
          label={t('rules.search')}
          value={f.q}
          onChange={(e) => set({ q: e.currentTarget.value })}
        />
      </Group>
      {(list.error || toggle.error || bulk.error) && (
        <ErrorAlert error={list.error ?? toggle.error ?? bulk.error} />
      )}
      <Group>
        <Text size="sm">{t('rules.count', { n: list.data?.total ?? 0 })}</Text>
        {canSwitch && (list.data?.items.length ?? 0) > 0 && (
          <>
            <Button size="xs" variant="light" onClick={() => bulk.mutate(true)}>
              {t('rules.enableShown')}
            </Button>
            <Button size="xs" variant="light" color="gray" onClick={() => bulk.mutate(false)}>
              {t('rules.disableShown')}
            </Button>
            {f.unitId && (
              <Button size="xs" variant="subtle" onClick={() => bulk.mutate(null)}>
                {t('rules.inheritShown')}
              </Button>
            )}
          </>
        )}
        {bulk.data && <Text size="sm">{t('rules.bulkDone', { n: bulk.data.changed })}</Text>}
      </Group>
      <RulesTable
        rows={list.data?.items ?? []}
        forUnit={!!f.unitId}
        canSwitch={canSwitch}
        onToggle={toggle.mutate}
      />
      {f.unitId && (
        <RulesTuning unitId={f.unitId} canEdit={user.role === 'admin' || user.role === 'unit_officer'} />
      )}
    </Stack>
  );
}

function RulesTable(props: {
  rows: RuleRow[];
  forUnit: boolean;
  canSwitch: boolean;
  onToggle: (r: RuleRow) => void;
}) {
  const t = useT();
  return (
    <Table striped aria-label={t('rules.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('rules.level')}</Table.Th>
          <Table.Th>{t('rules.rule')}</Table.Th>
          <Table.Th>{t('rules.tags')}</Table.Th>
          <Table.Th>{props.forUnit ? t('rules.forUnit') : t('rules.platform')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Badge color={LEVEL_COLORS[r.level as Level] ?? 'gray'}>
                {LEVELS.includes(r.level as Level) ? t(`watch.level.${r.level as Level}`) : r.level}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/monitoring/rules/${r.id}`} fw={600} size="sm">
                {r.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('rules.authorLicense', { author: r.author, license: r.license })} · {r.logsource}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{r.tags.join(', ')}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Switch
                  aria-label={r.title}
                  checked={props.forUnit ? r.effectiveEnabled : r.enabled}
                  disabled={!props.canSwitch}
                  onChange={() => props.onToggle(r)}
                />
                {props.forUnit && r.unitEnabled === null && (
                  <Text size="xs" c="dimmed">
                    {t('rules.inherited')}
                  </Text>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
