import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { ALL_ROLES, can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Page, Role, User } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ConfirmModal } from '../ui/confirm-modal';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { RoleBadge } from '../ui/role-badge';
import { SecretBox } from '../ui/secret-box';
import { type Column, ServerTable } from '../ui/server-table';
import { UnitSelect } from '../ui/unit-select';
import { useUnitName } from '../units/use-units';
import { UserCreateModal } from './user-create-modal';
import { UserEditModal } from './user-edit-modal';
import { UserStatus } from './user-status';

const PAGE_SIZE = 25;

export function UsersPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const unitName = useUnitName();
  const canManage = can(me.user.role, 'manageUsers');
  const [page, setPage] = useState(1);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [reset, setReset] = useState<{ user: User; password: string } | null>(null);

  const filters = { unitId, role, q, page, pageSize: PAGE_SIZE };
  const users = useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: () => api.get<Page<User>>('/api/users', filters),
    placeholderData: keepPreviousData,
  });
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  const columns: Column<User>[] = [
    {
      key: 'user',
      header: t('users.displayName'),
      render: (u) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {u.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {u.username}
            {u.email ? ` · ${u.email}` : ''}
          </Text>
        </Stack>
      ),
    },
    { key: 'unit', header: t('users.unit'), render: (u) => unitName(u.unitId) },
    { key: 'role', header: t('users.role'), render: (u) => <RoleBadge role={u.role} /> },
    { key: 'status', header: t('users.status'), render: (u) => <UserStatus user={u} /> },
    { key: 'login', header: t('users.lastLogin'), render: (u) => formatDateTime(u.lastLoginAt, lang) },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      render: (u) => (
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="light" onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="orange" onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
        </Group>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          canManage && (
            <Button leftSection={<Icon name="plus" size={16} />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label={t('users.search')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={260}
        />
        <UnitSelect
          label={t('users.unit')}
          placeholder={t('common.all')}
          clearable
          value={unitId}
          onChange={filtered(setUnitId)}
          w={260}
        />
        <Select
          label={t('users.role')}
          placeholder={t('common.all')}
          clearable
          value={role}
          data={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(value) => filtered(setRole)(value as Role | null)}
          w={200}
        />
      </Group>
      <ServerTable
        columns={columns}
        query={users}
        rowKey={(u) => u.id}
        onPageChange={setPage}
        label={t('users.title')}
      />
      {creating && <UserCreateModal onClose={() => setCreating(false)} />}
      {editing && <UserEditModal user={editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={resetting !== null}
        title={t('users.resetPassword')}
        message={t('users.resetConfirm', { name: resetting?.username ?? '' })}
        confirmLabel={t('users.resetPassword')}
        color="orange"
        onClose={() => setResetting(null)}
        onConfirm={async () => {
          if (!resetting) return;
          const answer = await api.post<{ generatedPassword: string }>(
            `/api/users/${resetting.id}/reset-password`,
          );
          setReset({ user: resetting, password: answer.generatedPassword });
          await users.refetch();
        }}
      />
      <Modal
        opened={reset !== null}
        onClose={() => setReset(null)}
        title={t('users.resetPassword')}
        size="lg"
        centered
      >
        {reset && (
          <Stack>
            <SecretBox
              title={t('users.generatedPassword', { name: reset.user.username })}
              hint={t('users.generatedHint')}
              secret={reset.password}
            />
            <Group justify="flex-end">
              <Button onClick={() => setReset(null)}>{t('common.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
