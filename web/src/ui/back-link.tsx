import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import { Icon } from './icons';

/** The "back to the list" link at the top of a detail page. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <Group gap={4} wrap="nowrap">
        <Icon name="chevron" size={14} rotate={180} />
        {label}
      </Group>
    </Anchor>
  );
}
