import { Badge, Paper, ScrollArea, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDate } from '../ui/format';
import type { Matrix } from './types';

/** Units × tasks with a colour per cell; the server puts the units with the most overdue tasks first. */
export function MatrixTable({ directiveId }: { directiveId: string }) {
  const t = useT();
  const { lang } = useLanguage();
  const matrix = useQuery({
    queryKey: ['directives', directiveId, 'matrix'],
    queryFn: () => api.get<Matrix>(`/api/directives/${directiveId}/matrix`),
  });
  if (matrix.error) return <ErrorAlert error={matrix.error} />;
  const data = matrix.data;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('directives.matrix')}
      </Title>
      {!data || data.rows.length === 0 ? (
        <Text c="dimmed">{t('directives.noAssignments')}</Text>
      ) : (
        <ScrollArea>
          <Table withColumnBorders striped aria-label={t('directives.matrix')} data-testid="directive-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directives.unit')}</Table.Th>
                {data.tasks.map((task) => (
                  <Table.Th key={task.id}>
                    <Tooltip label={task.text.slice(0, 200)} multiline w={320}>
                      <span>{task.position}</span>
                    </Tooltip>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((row) => (
                <Table.Tr key={row.unitId}>
                  <Table.Td>
                    {row.unitName}
                    {row.overdue > 0 && (
                      <Badge color="red" ml="xs" size="sm">
                        {t('directives.overdueCount', { n: row.overdue })}
                      </Badge>
                    )}
                  </Table.Td>
                  {row.cells.map((cell, index) => (
                    <Table.Td key={data.tasks[index]!.id}>
                      {cell ? (
                        <Tooltip
                          label={cell.reason ?? cell.lastText ?? formatDate(cell.deadline, lang)}
                          multiline
                          w={280}
                        >
                          <Badge
                            color={cell.colour === 'grey' ? 'gray' : cell.colour}
                            variant="filled"
                            data-status={cell.status}
                          >
                            {t(`directives.status.${cell.status}`)}
                            {cell.overdue ? ` · ${t('directives.overdue')}` : ''}
                          </Badge>
                        </Tooltip>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}
