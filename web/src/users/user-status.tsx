import { Badge, Group } from '@mantine/core';
import type { User } from '../contract-types';
import { useT } from '../i18n/use-t';

export function UserStatus({ user }: { user: User }) {
  const t = useT();
  const locked = user.lockedUntil !== null && new Date(user.lockedUntil) > new Date();
  return (
    <Group gap={4}>
      {user.disabled ? (
        <Badge color="gray" variant="filled" size="sm" miw="max-content">
          {t('users.statusDisabled')}
        </Badge>
      ) : (
        <Badge color="teal" variant="light" size="sm" miw="max-content">
          {t('users.statusActive')}
        </Badge>
      )}
      {user.mustChangePassword && (
        <Badge color="yellow" variant="light" size="sm" miw="max-content">
          {t('users.statusMustChange')}
        </Badge>
      )}
      {locked && (
        <Badge color="red" variant="light" size="sm" miw="max-content">
          {t('users.statusLocked')}
        </Badge>
      )}
    </Group>
  );
}
