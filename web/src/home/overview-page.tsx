import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Page, User } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon, type IconName } from '../ui/icons';
import { RoleBadge } from '../ui/role-badge';
import { unitLabel, useUnits } from '../units/use-units';
import { VulnsDashboard } from './vulns-dashboard';

type Health = { status: 'ok' | 'degraded'; version: string; database: { kind: string; ok: boolean } };

const ROADMAP: { icon: IconName; title: MessageKey; text: MessageKey; to?: string }[] = [
  { icon: 'vulns', title: 'nav.vulns', text: 'home.roadmapVulns', to: '/findings' },
  { icon: 'monitoring', title: 'nav.monitoring', text: 'home.roadmapMonitoring' },
  { icon: 'cameras', title: 'nav.cameras', text: 'home.roadmapCameras' },
  { icon: 'incidents', title: 'nav.incidents', text: 'home.roadmapIncidents' },
  { icon: 'directives', title: 'nav.directives', text: 'home.roadmapDirectives' },
];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function OverviewPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const units = useUnits();
  const health = useQuery({ queryKey: ['health'], queryFn: () => api.get<Health>('/api/health') });
  const users = useQuery({
    queryKey: ['users', 'count'],
    queryFn: () => api.get<Page<User>>('/api/users', { pageSize: 1 }),
    enabled: can(me.user.role, 'readUsers'),
  });

  return (
    <Stack gap="lg">
      <Title order={2}>{t('home.welcome', { name: me.user.displayName })}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder radius="md">
          <Text fw={600} mb="sm">
            {t('home.account')}
          </Text>
          <Stack gap={6}>
            <Fact label={t('users.username')}>{me.user.username}</Fact>
            <Fact label={t('users.unit')}>{unitLabel(me.unit, lang)}</Fact>
            <Fact label={t('users.role')}>
              <RoleBadge role={me.user.role} />
            </Fact>
          </Stack>
          <Button component={Link} to="/change-password" variant="light" size="xs" mt="md">
            {t('auth.changeTitle')}
          </Button>
        </Card>
        <Card withBorder radius="md">
          <Text fw={600} mb="sm">
            {t('home.system')}
          </Text>
          <Stack gap={6}>
            <Fact label={t('home.version')}>{health.data?.version ?? '…'}</Fact>
            <Fact label={t('home.database')}>{health.data?.database.kind ?? '…'}</Fact>
            {health.data && (
              <Badge color={health.data.status === 'ok' ? 'teal' : 'red'} variant="light" mt={4}>
                {health.data.status === 'ok' ? t('home.healthOk') : t('home.healthDegraded')}
              </Badge>
            )}
          </Stack>
        </Card>
        <Card withBorder radius="md">
          <Stack gap="md">
            <div>
              <Text size="sm" c="dimmed">
                {t('home.unitsInScope')}
              </Text>
              <Text fz={32} fw={700}>
                {units.data?.total ?? '…'}
              </Text>
            </div>
            {can(me.user.role, 'readUsers') && (
              <div>
                <Text size="sm" c="dimmed">
                  {t('home.usersInScope')}
                </Text>
                <Text fz={32} fw={700}>
                  {users.data?.total ?? '…'}
                </Text>
              </div>
            )}
          </Stack>
        </Card>
      </SimpleGrid>
      {can(me.user.role, 'readFindings') && <VulnsDashboard />}
      <Card withBorder radius="md">
        <Text fw={600} mb="md">
          {t('home.roadmap')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {ROADMAP.map((item) => (
            <Group key={item.title} wrap="nowrap" align="flex-start" gap="sm">
              <ThemeIcon variant="light" size="lg" radius="md">
                <Icon name={item.icon} />
              </ThemeIcon>
              <div>
                <Group gap={6}>
                  {item.to ? (
                    <Anchor component={Link} to={item.to} fw={600} size="sm">
                      {t(item.title)}
                    </Anchor>
                  ) : (
                    <>
                      <Text fw={600} size="sm">
                        {t(item.title)}
                      </Text>
                      <Badge size="xs" color="gray" variant="light">
                        {t('nav.comingSoon')}
                      </Badge>
                    </>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t(item.text)}
                </Text>
              </div>
            </Group>
          ))}
        </SimpleGrid>
      </Card>
    </Stack>
  );
}
