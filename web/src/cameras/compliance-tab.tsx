import { Group, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { ComplianceSummary } from './types';

const STATUSES = ['pass', 'fail', 'not_applicable', 'unknown'] as const;
const COLORS = { pass: 'green', fail: 'red', not_applicable: 'gray', unknown: 'yellow' } as const;

/** Compliance at a glance for the caller's unit and everything below it. */
export function ComplianceTab() {
  const t = useT();
  const summary = useQuery({
    queryKey: ['camera-compliance'],
    queryFn: () => api.get<ComplianceSummary>('/api/camera-compliance'),
  });
  if (summary.error) return <ErrorAlert error={summary.error} onRetry={() => summary.refetch()} />;
  const s = summary.data;
  if (!s) return null;
  const label = (k: string) => t(`cameras.status.${k}` as 'cameras.status.pass');
  return (
    <>
      <Text size="sm" mb="sm">
        {t('cameras.complianceOf', { cameras: s.cameras, systems: s.systems })}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        {STATUSES.map((k) => (
          <Paper key={k} withBorder p="md">
            <Text size="xs" c="dimmed">
              {label(k)}
            </Text>
            <Text size="xl" fw={700} c={COLORS[k]}>
              {s.counts[k].toLocaleString()}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group align="flex-start" grow>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('cameras.topFailing')}
          </Text>
          <Table fz="sm">
            <Table.Tbody>
              {s.topFailing.map((f) => (
                <Table.Tr key={f.key}>
                  <Table.Td>
                    {f.titleVi}
                    <Text size="xs" c="dimmed">
                      {f.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.failures}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('cameras.perUnit')}
          </Text>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cameras.unit')}</Table.Th>
                {STATUSES.map((k) => (
                  <Table.Th key={k}>{label(k)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.perUnit.map((u) => (
                <Table.Tr key={u.unitId}>
                  <Table.Td>{u.unitName}</Table.Td>
                  {STATUSES.map((k) => (
                    <Table.Td key={k}>{u.counts[k]}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Group>
    </>
  );
}
