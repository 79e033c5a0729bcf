import { Button, Group, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import type { Alert, Page } from '../contract-types';
import { useT } from '../i18n/use-t';
import { UnitSelect } from '../ui/unit-select';
import { FINDING_SEVERITIES, FINDING_STATUSES, statusLabelKey } from './finding-format';
import { severityLabelKey } from './vuln-format';

/** The address's query as the page's state: update() sets or clears keys and goes back to page 1. */
export function useSearchFilters() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries({ page: null, ...changes })) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { params, update, clear: () => setParams(new URLSearchParams(), { replace: true }) };
}

export function useAlertOptions() {
  return useQuery({
    queryKey: ['alerts', 'list', { page: 1, pageSize: 500 }],
    queryFn: () => api.get<Page<Alert>>('/api/alerts', { page: 1, pageSize: 500 }),
    staleTime: 30_000,
  });
}

/** The findings page's filters; every one lives in the address so a filtered list can be linked. */
export function FindingsFilters() {
  const t = useT();
  const { params, update, clear } = useSearchFilters();
  const alerts = useAlertOptions();
  const [cve, setCve] = useState(params.get('cve') ?? '');
  const [typed] = useDebouncedValue(cve.trim().toUpperCase(), 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled entry should touch the address
  useEffect(() => {
    if (typed !== (params.get('cve') ?? '')) update({ cve: typed });
  }, [typed]);
  const select = (key: string) => ({
    value: params.get(key),
    onChange: (value: string | null) => update({ [key]: value }),
  });

  return (
    <Group mb="md" align="flex-end" gap="sm">
      <UnitSelect
        label={t('findings.unit')}
        placeholder={t('common.all')}
        clearable
        w={220}
        {...select('unitId')}
      />
      <TextInput
        label={t('vulns.cve')}
        placeholder="CVE-2024-…"
        value={cve}
        onChange={(event) => setCve(event.currentTarget.value)}
        w={160}
      />
      <Select
        label={t('findings.alert')}
        placeholder={t('common.all')}
        clearable
        searchable
        w={220}
        data={(alerts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number} · ${a.title}` }))}
        {...select('alertId')}
      />
      <Select
        label={t('findings.statusLabel')}
        placeholder={t('findings.status.active')}
        clearable
        w={190}
        data={FINDING_STATUSES.map((s) => ({ value: s, label: t(statusLabelKey(s)) }))}
        {...select('status')}
      />
      <Select
        label={t('findings.matchLabel')}
        placeholder={t('common.all')}
        clearable
        w={170}
        data={[
          { value: 'vulnerable', label: t('findings.match.vulnerable') },
          { value: 'unknown', label: t('findings.match.unknown') },
        ]}
        {...select('match')}
      />
      <Select
        label={t('vulns.severityLabel')}
        placeholder={t('common.all')}
        clearable
        w={150}
        data={FINDING_SEVERITIES.map((s) => ({ value: s, label: t(severityLabelKey(s) ?? 'common.all') }))}
        {...select('severity')}
      />
      <Select
        label={t('vulns.exploitation')}
        placeholder={t('common.all')}
        clearable
        w={190}
        data={[
          { value: 'true', label: t('vulns.exploitedOnly') },
          { value: 'false', label: t('vulns.notExploited') },
        ]}
        {...select('exploited')}
      />
      <Select
        label={t('findings.sort')}
        allowDeselect={false}
        w={170}
        data={[
          { value: 'due', label: t('findings.sort.due') },
          { value: 'severity', label: t('findings.sort.severity') },
          { value: 'recent', label: t('findings.sort.recent') },
        ]}
        value={params.get('sort') ?? 'due'}
        onChange={(value) => update({ sort: value === 'due' ? null : value })}
      />
      <Switch
        label={t('findings.overdueOnly')}
        checked={params.get('overdue') === 'true'}
        onChange={(event) => update({ overdue: event.currentTarget.checked ? 'true' : null })}
        mb={8}
      />
      <Button
        variant="subtle"
        size="sm"
        onClick={() => {
          setCve('');
          clear();
        }}
      >
        {t('common.clearFilters')}
      </Button>
    </Group>
  );
}
