import {
  ActionIcon,
  AppShell,
  Box,
  Burger,
  Button,
  Group,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from 'react-router';
import { signOut, useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../ui/icons';
import { RoleBadge } from '../ui/role-badge';
import { unitLabel } from '../units/use-units';
import { LanguageSwitch } from './language-switch';
import { Navigation } from './navigation';

/** The signed-in frame: header (who, where, language, sign-out) and the navigation every page hangs from. */
export function AppLayout() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);

  const leave = async () => {
    await signOut(client).catch(() => undefined);
    navigate('/sign-in', { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <UnstyledButton component={Link} to="/" c="indigo.7">
              <Group gap={6} wrap="nowrap">
                <Icon name="shield" size={26} />
                <Title order={3} visibleFrom="xs">
                  {t('app.name')}
                </Title>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={600} data-testid="header-user">
                {me.user.displayName}
              </Text>
              <Text size="xs" c="dimmed" data-testid="header-unit">
                {unitLabel(me.unit, lang)}
              </Text>
            </Stack>
            <Box visibleFrom="sm">
              <RoleBadge role={me.user.role} />
            </Box>
            <LanguageSwitch />
            <Button
              variant="subtle"
              color="gray"
              size="xs"
              leftSection={<Icon name="logout" size={16} />}
              onClick={leave}
              visibleFrom="sm"
            >
              {t('auth.signOut')}
            </Button>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={leave}
              hiddenFrom="sm"
              aria-label={t('auth.signOut')}
            >
              <Icon name="logout" size={18} />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Navigation onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
