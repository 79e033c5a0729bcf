import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { grantableRoles } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { ApiToken, Role } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { dayBoundary } from '../ui/format';
import { SecretBox } from '../ui/secret-box';
import { UnitSelect } from '../ui/unit-select';

type Created = { token: ApiToken; secret: string };

/** A new API token; its secret is shown once, here, and only its hash is kept by the server. */
export function TokenCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const roles = grantableRoles(me.user.role);
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState<string | null>(me.user.unitId);
  const [role, setRole] = useState<Role>(roles.includes('viewer') ? 'viewer' : (roles[0] ?? 'viewer'));
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.post<Created>('/api/tokens', {
        name,
        unitId: unitId ?? '',
        role,
        expiresAt: dayBoundary(expires, true) ?? null,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const fieldError = (field: string) =>
    create.error instanceof ApiError ? create.error.fieldMessage(field) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('tokens.create')}
      size="lg"
      centered
    >
      {create.data ? (
        <Stack>
          <SecretBox
            title={t('tokens.secret', { name: create.data.token.name })}
            hint={t('tokens.secretHint')}
            secret={create.data.secret}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('tokens.name')}
              required
              value={name}
              error={fieldError('name')}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <UnitSelect
              label={t('tokens.unit')}
              required
              value={unitId}
              onChange={setUnitId}
              error={fieldError('unitId')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('tokens.role')}
                required
                allowDeselect={false}
                value={role}
                data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                onChange={(value) => value && setRole(value as Role)}
              />
              <TextInput
                label={t('tokens.expiresAt')}
                description={t('tokens.expiresHint')}
                type="date"
                value={expires}
                error={fieldError('expiresAt')}
                onChange={(event) => setExpires(event.currentTarget.value)}
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
      )}
    </Modal>
  );
}
