import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { grantableRoles } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Role, User, UserUpdate } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';

/** Change a user's name, e-mail, role, unit, or disable the account. */
export function UserEditModal({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const grantable = grantableRoles(me.user.role);
  // The current role stays selectable even when this manager could not grant it.
  const roles = grantable.includes(user.role) ? grantable : [user.role, ...grantable];
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [unitId, setUnitId] = useState<string | null>(user.unitId);
  const [disabled, setDisabled] = useState(user.disabled);
  const save = useMutation({
    mutationFn: () => {
      const body: UserUpdate = { displayName, email: email.trim() || null, disabled };
      if (role !== user.role) body.role = role;
      if (unitId && unitId !== user.unitId) body.unitId = unitId;
      return api.patch<User>(`/api/users/${user.id}`, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError ? save.error.fieldMessage(name) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('users.editTitle', { name: user.username })}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('users.displayName')}
            required
            value={displayName}
            error={fieldError('displayName')}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
          />
          <TextInput
            label={t('users.email')}
            type="email"
            value={email}
            error={fieldError('email')}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <UnitSelect label={t('users.unit')} value={unitId} onChange={setUnitId} allowDeselect={false} />
          <Select
            label={t('users.role')}
            allowDeselect={false}
            value={role}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onChange={(value) => value && setRole(value as Role)}
          />
          <Switch
            label={t('users.disabled')}
            checked={disabled}
            onChange={(event) => setDisabled(event.currentTarget.checked)}
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
