import { Badge, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { can, type Permission } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { Icon, type IconName } from '../ui/icons';

type Entry = { to: string; label: MessageKey; icon: IconName; needs?: Permission };

// Every capability hangs a page here; the coming ones are shown, disabled, so the map stays whole.
const ADMIN: Entry[] = [
  { to: '/', label: 'nav.overview', icon: 'home' },
  { to: '/units', label: 'nav.units', icon: 'units' },
  { to: '/users', label: 'nav.users', icon: 'users', needs: 'readUsers' },
  { to: '/tokens', label: 'nav.tokens', icon: 'key', needs: 'manageTokens' },
  { to: '/audit', label: 'nav.audit', icon: 'audit', needs: 'readAudit' },
  { to: '/jobs', label: 'nav.jobs', icon: 'jobs', needs: 'readJobs' },
];

const CAPABILITIES: Entry[] = [
  { to: '/inventory', label: 'nav.inventory', icon: 'server', needs: 'readInventory' },
  { to: '/vulnerabilities', label: 'nav.vulns', icon: 'vulns', needs: 'readVulns' },
  { to: '/findings', label: 'nav.findings', icon: 'findings', needs: 'readFindings' },
  { to: '/alerts', label: 'nav.alerts', icon: 'bell', needs: 'readFindings' },
  { to: '/feeds', label: 'nav.feeds', icon: 'feeds', needs: 'readVulns' },
  // notify + watch (alerts and 24/7 duty)
  { to: '/watch/alerts', label: 'nav.watchAlerts', icon: 'monitoring', needs: 'readWatch' },
  { to: '/watch/duty', label: 'nav.watchDuty', icon: 'users', needs: 'readWatch' },
  { to: '/watch/channels', label: 'nav.notify', icon: 'bell', needs: 'readNotify' },
  // incidents
  { to: '/incidents', label: 'nav.incidents', icon: 'incidents', needs: 'readIncidents' },
  { to: '/incident-contacts', label: 'nav.incidentContacts', icon: 'bell', needs: 'readIncidents' },
  // directives: every role sees its unit's tasks; providers do not read the directives themselves
  { to: '/directives', label: 'nav.directives', icon: 'directives', needs: 'readDirectives' },
  { to: '/my-tasks', label: 'nav.myTasks', icon: 'directives' },
  // cameras (register)
  { to: '/cameras', label: 'nav.cameras', icon: 'cameras', needs: 'readInventory' },
  // monitoring: rules management
  { to: '/monitoring/rules', label: 'nav.rules', icon: 'monitoring', needs: 'readWatch' },
  // monitoring: log sources and events
  { to: '/log-sources', label: 'nav.logSources', icon: 'server', needs: 'readWatch' },
  { to: '/events', label: 'nav.events', icon: 'monitoring', needs: 'readWatch' },
];

const COMING: { label: MessageKey; icon: IconName }[] = [{ label: 'nav.monitoring', icon: 'monitoring' }];

function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
      {children}
    </Text>
  );
}

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const t = useT();
  const { user } = useSession();
  const { pathname } = useLocation();
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));
  const links = (entries: Entry[]) =>
    entries
      .filter((entry) => !entry.needs || can(user.role, entry.needs))
      .map((entry) => (
        <NavLink
          key={entry.to}
          component={Link}
          to={entry.to}
          label={t(entry.label)}
          leftSection={<Icon name={entry.icon} />}
          active={isActive(entry.to)}
          onClick={onNavigate}
        />
      ));
  return (
    <ScrollArea>
      <Stack gap={2} component="nav" aria-label={t('app.name')}>
        <SectionLabel>{t('nav.sectionAdmin')}</SectionLabel>
        {links(ADMIN)}
        <SectionLabel>{t('nav.sectionCapabilities')}</SectionLabel>
        {links(CAPABILITIES)}
        {COMING.map((entry) => (
          <NavLink
            key={entry.label}
            label={t(entry.label)}
            leftSection={<Icon name={entry.icon} />}
            rightSection={
              <Badge size="xs" variant="light" color="gray">
                {t('nav.comingSoon')}
              </Badge>
            }
            disabled
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}
