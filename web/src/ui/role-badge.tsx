import { Badge } from '@mantine/core';
import type { Role } from '../contract-types';
import { useT } from '../i18n/use-t';

const COLORS: Record<Role, string> = {
  admin: 'red',
  unit_officer: 'blue',
  on_duty: 'orange',
  provider: 'grape',
  viewer: 'gray',
};

export function RoleBadge({ role }: { role: Role }) {
  const t = useT();
  return (
    <Badge color={COLORS[role]} variant="light" radius="sm" miw="max-content">
      {t(`role.${role}`)}
    </Badge>
  );
}
