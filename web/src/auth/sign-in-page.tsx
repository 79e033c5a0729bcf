import { Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api';
import type { Me } from '../contract-types';
import { LanguageSwitch } from '../home/language-switch';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { Icon } from '../ui/icons';
import { rememberSession, useMe } from './session';

/** Only a path of this console: never follow ?next= to another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const t = useT();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api.post<Me>('/api/auth/sign-in', { username, password }),
    onSuccess: (signed) => {
      rememberSession(client, signed);
      navigate(signed.user.mustChangePassword ? '/change-password' : safeNext(params.get('next')), {
        replace: true,
      });
    },
  });

  if (me.data && !signIn.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={400} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <Group justify="space-between" align="flex-start">
              <Group gap="xs" c="indigo.7">
                <Icon name="shield" size={32} />
                <Title order={2}>{t('app.name')}</Title>
              </Group>
              <LanguageSwitch />
            </Group>
            <Text c="dimmed" size="sm" mt={-8}>
              {t('app.tagline')}
            </Text>
            <Title order={4}>{t('auth.signInTitle')}</Title>
            <TextInput
              label={t('auth.username')}
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <ErrorAlert error={signIn.error} />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
