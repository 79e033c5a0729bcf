import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { grantableRoles } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Role, User, UserCreate } from '../contract-types';
import type { Lang } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { SecretBox } from '../ui/secret-box';
import { UnitSelect } from '../ui/unit-select';

type Created = { user: User; generatedPassword: string | null };

/** New user with a generated password, shown once here for the admin to hand over. */
export function UserCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const roles = grantableRoles(me.user.role);
  const [unitId, setUnitId] = useState<string | null>(me.user.unitId);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('viewer') ? 'viewer' : (roles[0] ?? 'viewer'));
  const [language, setLanguage] = useState<Lang>('vi');
  const create = useMutation({
    mutationFn: () => {
      const body = {
        unitId: unitId ?? '',
        username,
        displayName,
        email: email.trim() || null,
        role,
        language,
      };
      return api.post<Created>('/api/users', body satisfies Omit<UserCreate, 'password'>);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
  const fieldError = (name: string) =>
    create.error instanceof ApiError ? create.error.fieldMessage(name) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  if (create.data) {
    return (
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened
        onClose={onClose}
        title={t('users.create')}
        size="lg"
        centered
      >
        <Stack>
          <SecretBox
            title={t('users.generatedPassword', { name: create.data.user.username })}
            hint={t('users.generatedHint')}
            secret={create.data.generatedPassword ?? ''}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('users.create')}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('users.username')}
              required
              autoComplete="off"
              value={username}
              error={fieldError('username')}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
            <TextInput
              label={t('users.displayName')}
              required
              value={displayName}
              error={fieldError('displayName')}
              onChange={(event) => setDisplayName(event.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('users.email')}
            type="email"
            value={email}
            error={fieldError('email')}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <UnitSelect
            label={t('users.unit')}
            required
            value={unitId}
            onChange={setUnitId}
            error={fieldError('unitId')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('users.role')}
              required
              allowDeselect={false}
              value={role}
              data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              onChange={(value) => value && setRole(value as Role)}
            />
            <Select
              label={t('users.language')}
              allowDeselect={false}
              value={language}
              data={[
                { value: 'vi', label: t('lang.vi') },
                { value: 'en', label: t('lang.en') },
              ]}
              onChange={(value) => setLanguage(value === 'en' ? 'en' : 'vi')}
            />
          </SimpleGrid>
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
