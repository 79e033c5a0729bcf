import { Button, Card, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { UnitSelect } from '../ui/unit-select';
import type { BacktestResult } from './rules-types';

type Job = {
  id: string;
  status: string;
  progress: number;
  message: string | null;
  error: string | null;
  result: unknown;
};

const localInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Runs the text being edited on a unit's stored events as a background job, and shows what it would raise. */
export function RulesBacktest({ yaml }: { yaml: string }) {
  const t = useT();
  const { lang } = useLanguage();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [from, setFrom] = useState(localInput(new Date(Date.now() - 86_400_000)));
  const [to, setTo] = useState(localInput(new Date()));
  const start = useMutation({
    mutationFn: () =>
      api.post<Job>('/api/sigma-rules/backtest', {
        unitId,
        yaml,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      }),
  });
  const jobId = start.data?.id;
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api.get<Job>(`/api/jobs/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) =>
      q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.status) ? false : 1000,
  });
  const result = job.data?.status === 'succeeded' ? (job.data.result as BacktestResult) : undefined;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>{t('rules.backtest')}</Title>
        <Text size="sm" c="dimmed">
          {t('rules.backtestIntro')}
        </Text>
        <Group align="flex-end">
          <UnitSelect label={t('watch.unit')} value={unitId} onChange={setUnitId} />
          <TextInput
            type="datetime-local"
            label={t('rules.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('rules.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Button disabled={!unitId || !yaml.trim()} loading={start.isPending} onClick={() => start.mutate()}>
            {t('rules.runBacktest')}
          </Button>
        </Group>
        {start.error && <ErrorAlert error={start.error} />}
        {job.data && !result && (
          <Progress value={job.data.progress} animated={job.data.status === 'running'} />
        )}
        {job.data?.error && <Text c="red">{job.data.error}</Text>}
        {result && (
          <>
            <Text fw={600} data-testid="backtest-result">
              {t('rules.backtestResult', { matches: result.matches, scanned: result.scanned })}
            </Text>
            {result.truncated && <Text c="orange">{t('rules.truncated')}</Text>}
            <Table aria-label={t('rules.sample')}>
              <Table.Tbody>
                {result.sample.map((s) => (
                  <Table.Tr key={`${s.eventId}-${s.ruleId}`}>
                    <Table.Td>{formatDateTime(s.time, lang)}</Table.Td>
                    <Table.Td>{s.host ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.ruleTitle}</Text>
                      <Text size="xs" c="dimmed">
                        {t('watch.ruleBy', { author: s.ruleAuthor })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" lineClamp={2}>
                        {s.message}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Card>
  );
}
