import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PASSWORD_MIN as CONTRACT_MIN } from '../../../src/users/contract';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { ME_KEY, useSession } from './session';

// A type-only import keeps zod's full build out of the bundle; the type breaks if the contract changes.
const PASSWORD_MIN: typeof CONTRACT_MIN = 12;

/** Forced after sign-in with a generated password (the server refuses everything else until then). */
export function ChangePasswordPage() {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const forced = me.user.mustChangePassword;
  const change = useMutation({
    mutationFn: () => api.post('/api/auth/password', { currentPassword, newPassword }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.length < PASSWORD_MIN)
      return setProblem(t('auth.passwordTooShort', { min: PASSWORD_MIN }));
    if (newPassword !== repeat) return setProblem(t('auth.passwordMismatch'));
    setProblem(null);
    change.mutate();
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={440} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <Title order={3}>{t('auth.changeTitle')}</Title>
            <Text size="sm" c="dimmed">
              {me.user.displayName} ({me.user.username})
            </Text>
            {forced && (
              <Alert color="yellow" variant="light">
                {t('auth.changeForced')}
              </Alert>
            )}
            <PasswordInput
              label={t('auth.currentPassword')}
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(event) => setCurrent(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.newPassword')}
              description={t('auth.passwordHint', { min: PASSWORD_MIN })}
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(event) => setNew(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.repeatPassword')}
              autoComplete="new-password"
              required
              value={repeat}
              error={problem}
              onChange={(event) => setRepeat(event.currentTarget.value)}
            />
            <ErrorAlert error={change.error} />
            <Button type="submit" loading={change.isPending}>
              {t('auth.changeSubmit')}
            </Button>
            {!forced && (
              <Anchor component={Link} to="/" size="sm" ta="center">
                {t('common.backHome')}
              </Anchor>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
