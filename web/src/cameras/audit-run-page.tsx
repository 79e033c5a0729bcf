import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import type { AuditRun, AuditRunDetail } from './audit-types';
import { FindingGroups } from './finding-card';

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Paper>
  );
}

/** The run's header: who, when, what scope, how far it got, what was sent. */
export function RunSummary({ run }: { run: AuditRun }) {
  const t = useT();
  const { lang } = useLanguage();
  const scope = run.targets ?? run.scope;
  const sent = Object.entries(run.sent)
    .map(([p, n]) => `${p} ${n}`)
    .join(' · ');
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm">
          {formatDateTime(run.startedAt, lang)} → {formatDateTime(run.finishedAt, lang)} · {run.requestedBy}
        </Text>
        {run.cancelled && <Badge color="orange">{t('audits.cancelled')}</Badge>}
      </Group>
      <Text size="sm">
        {t('audits.scope')}: {[...scope.cidrs, ...scope.hosts].join(', ')}
        {run.targets ? ` (${t('audits.narrower')})` : ''}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 6 }}>
        <Figure label={t('audits.hosts')} value={`${run.hostsDone}/${run.hostsTotal}`} />
        <Figure label={t('audits.devices')} value={run.devices} />
        <Figure label={t('audits.group.new')} value={run.findingsNew} />
        <Figure label={t('audits.group.open')} value={run.findingsOpen} />
        <Figure label={t('audits.group.fixed')} value={run.findingsFixed} />
        <Figure label={t('audits.sent')} value={sent || '—'} />
      </SimpleGrid>
    </Stack>
  );
}

/** Which devices the unit's credentials were tried on, and how it went. */
function AuthChecks({ run }: { run: AuditRun }) {
  const t = useT();
  if (run.authChecks.length === 0) return null;
  return (
    <>
      <Title order={4}>{t('audits.authChecks')}</Title>
      <Table fz="sm">
        <Table.Tbody>
          {run.authChecks.map((a) => (
            <Table.Tr key={a.address}>
              <Table.Td ff="monospace">{a.address}</Table.Td>
              <Table.Td>
                {a.protocol.toUpperCase()} · {a.username}
              </Table.Td>
              <Table.Td>
                <Badge color={a.ok ? 'teal' : 'red'}>{t(a.ok ? 'audits.authOk' : 'audits.authFailed')}</Badge>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{a.detail}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** /cameras/audits/:id: one run with its findings grouped new / still open / fixed. */
export function AuditRunPage() {
  const t = useT();
  const { id = '' } = useParams();
  const run = useQuery({
    queryKey: ['camera-audit-run', id],
    queryFn: () => api.get<AuditRunDetail>(`/api/camera-audits/runs/${id}`),
  });
  if (run.error) return <ErrorAlert error={run.error} onRetry={() => run.refetch()} />;
  const r = run.data;
  if (!r) return null;
  return (
    <Stack>
      <BackLink to="/cameras?tab=audits" label={t('cameras.tabAudits')} />
      <Title order={2}>{t('audits.runTitle')}</Title>
      <RunSummary run={r} />
      <AuthChecks run={r} />
      <Title order={4}>{t('audits.findings')}</Title>
      <FindingGroups findings={r.findings} />
    </Stack>
  );
}
