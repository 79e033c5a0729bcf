import { Anchor, Paper, Progress, ScrollArea, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { FindingSummary } from '../contract-types';
import { useT } from '../i18n/use-t';
import { findingsLink } from '../vulns/finding-format';
import { STATS } from './vulns-stats';

type Row = FindingSummary['byUnit'][number];
type SortKey = 'unitName' | (typeof STATS)[number]['key'];

const BAR = [
  { key: 'critical', color: 'red.7' },
  { key: 'high', color: 'orange.6' },
  { key: 'medium', color: 'yellow.5' },
  { key: 'low', color: 'gray.5' },
] as const;

/** Open findings per unit, sortable by any column; every number opens the findings it counts. */
export function UnitSummaryTable({ rows }: { rows: Row[] }) {
  const t = useT();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'critical', desc: true });
  const sorted = useMemo(() => {
    const copy = [...rows];
    copy.sort((a, b) => {
      const order =
        sort.key === 'unitName'
          ? a.unitName.localeCompare(b.unitName, 'vi')
          : a[sort.key] - b[sort.key] || b.high - a.high;
      return sort.desc ? -order : order;
    });
    return copy;
  }, [rows, sort]);
  const header = (key: SortKey, label: string, numeric = true) => (
    <Table.Th
      ta={numeric ? 'right' : undefined}
      aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}
    >
      <UnstyledButton
        fz="sm"
        fw={700}
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'unitName' }))}
      >
        {label}
        {sort.key === key ? (sort.desc ? ' ↓' : ' ↑') : ''}
      </UnstyledButton>
    </Table.Th>
  );
  const widest = Math.max(1, ...rows.map((r) => r.critical + r.high + r.medium + r.low));

  return (
    <Paper withBorder radius="md">
      <ScrollArea>
        <Table striped verticalSpacing="xs" miw={1000} aria-label={t('dashboard.byUnit')}>
          <Table.Thead>
            <Table.Tr>
              {header('unitName', t('findings.unit'), false)}
              {STATS.map((stat) => header(stat.key, t(stat.label)))}
              <Table.Th w={180}>{t('dashboard.chart')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((row) => (
              <Table.Tr key={row.unitId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {row.unitName}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {row.unitCode}
                  </Text>
                </Table.Td>
                {STATS.map((stat) => (
                  <Table.Td key={stat.key} ta="right">
                    {row[stat.key] > 0 ? (
                      <Anchor
                        component={Link}
                        to={findingsLink({ ...stat.filters, unitId: row.unitId, unitOnly: 'true' })}
                        size="sm"
                        fw={700}
                        c={stat.color}
                      >
                        {row[stat.key]}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        0
                      </Text>
                    )}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Progress.Root size="lg" radius="sm">
                    {BAR.map((part) =>
                      row[part.key] > 0 ? (
                        <Tooltip
                          key={part.key}
                          label={`${t(`vulns.severity.${part.key}`)}: ${row[part.key]}`}
                        >
                          <Progress.Section value={(row[part.key] / widest) * 100} color={part.color} />
                        </Tooltip>
                      ) : null,
                    )}
                  </Progress.Root>
                </Table.Td>
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={STATS.length + 2}>
                  <Text c="dimmed" ta="center" py="lg" size="sm">
                    {t('dashboard.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
