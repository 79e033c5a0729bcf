import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One "label: value" line of a facts card. An empty value (null, undefined, false, '') shows as a
 * dash, or not at all when the row is `optional`.
 */
export function FactRow({
  label,
  children,
  optional = false,
}: {
  label: string;
  children: ReactNode;
  optional?: boolean;
}) {
  const empty = children === null || children === undefined || children === false || children === '';
  if (empty && optional) return null;
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="lg">
      <Text size="sm" c="dimmed" style={{ flex: 'none' }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" style={{ overflowWrap: 'anywhere' }}>
        {empty ? '—' : children}
      </Text>
    </Group>
  );
}
