import { Group, LoadingOverlay, Pagination, Paper, ScrollArea, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Page } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from './error-alert';

export type Column<T> = {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  width?: number | string;
};

type ServerTableProps<T> = {
  columns: Column<T>[];
  query: UseQueryResult<Page<T>>;
  rowKey: (row: T) => string;
  onPageChange: (page: number) => void;
  label?: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
};

/** One page of a server listing, with its page controls; the server does the paging and filtering. */
export function ServerTable<T>({
  columns,
  query,
  rowKey,
  onPageChange,
  label,
  minWidth = 760,
}: ServerTableProps<T>) {
  const t = useT();
  if (query.error && !query.data) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const page = query.data;
  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  const from = page && page.total > 0 ? (page.page - 1) * page.pageSize + 1 : 0;
  const to = page ? from + page.items.length - Math.min(1, page.items.length) : 0;

  return (
    <Paper withBorder radius="md" pos="relative">
      <LoadingOverlay visible={query.isPending || query.isPlaceholderData} overlayProps={{ blur: 1 }} />
      <ScrollArea>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={label} miw={minWidth}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} style={{ width: column.width }}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.items.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((column) => (
                  <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {page && page.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed" ta="center" py="lg" size="sm">
                    {t('common.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {query.error && <ErrorAlert error={query.error} onRetry={() => query.refetch()} />}
      <Group justify="space-between" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="sm" c="dimmed">
          {!page
            ? t('common.loading')
            : page.total > 0
              ? t('table.range', {
                  from,
                  to,
                  // A listing that counts only up to a cap (findings) says "10000+".
                  total: page.totalCapped ? `${page.total}+` : page.total,
                })
              : ''}
        </Text>
        <Pagination
          size="sm"
          total={pages}
          value={page?.page ?? 1}
          onChange={onPageChange}
          disabled={!page || pages <= 1}
        />
      </Group>
    </Paper>
  );
}
