import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { isActive, JobPage, parseAnswer } from '../jobs/job';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { UnitSelect } from '../ui/unit-select';
import { AuditLive } from './audit-live';
import type { AuditRun } from './audit-types';
import { CredentialsPanel } from './credentials-panel';
import type { ScanScope } from './types';

const words = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
const isCidr = (w: string) => w.includes('/');

/** The registered scope, whether the caller may scan it, and the start form (optional narrower scope). */
function StartAudit({
  unitId,
  onStarted,
}: {
  unitId: string;
  onStarted: (job: string, run: string) => void;
}) {
  const t = useT();
  const [narrower, setNarrower] = useState('');
  const scope = useQuery({
    queryKey: ['camera-scope', unitId],
    queryFn: () => api.get<ScanScope>(`/api/camera-scopes/${unitId}`),
  });
  const start = useMutation({
    mutationFn: () => {
      const list = words(narrower);
      const body = list.length
        ? { targets: { cidrs: list.filter(isCidr), hosts: list.filter((w) => !isCidr(w)) } }
        : {};
      return api.post<{ id: string; runId: string }>(`/api/camera-audits/${unitId}`, body);
    },
    onSuccess: (job) => onStarted(job.id, job.runId),
  });
  const s = scope.data;
  if (scope.error) return <ErrorAlert error={scope.error} />;
  if (!s) return null;
  const registered = [...s.cidrs, ...s.hosts];
  if (registered.length === 0) return <Alert color="yellow">{t('audits.noScope')}</Alert>;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text size="sm">
          {t('audits.registered')}:{' '}
          <Text span ff="monospace">
            {registered.join(', ')}
          </Text>
        </Text>
        {!s.mayScan && <Alert color="yellow">{t('audits.notAllowed')}</Alert>}
        <TextInput
          label={t('audits.narrowerLabel')}
          description={t('audits.narrowerHint')}
          value={narrower}
          onChange={(e) => setNarrower(e.currentTarget.value)}
          disabled={!s.mayScan}
        />
        <ErrorAlert error={start.error} />
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!s.mayScan}>
            {t('audits.start')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RunsTable({ unitId }: { unitId: string }) {
  const t = useT();
  const { lang } = useLanguage();
  const runs = useQuery({
    queryKey: ['camera-audits', unitId],
    queryFn: () => api.get<{ items: AuditRun[] }>('/api/camera-audits', { unitId }),
  });
  if (runs.error) return <ErrorAlert error={runs.error} />;
  const items = runs.data?.items ?? [];
  if (items.length === 0) return <Text c="dimmed">{t('audits.noRuns')}</Text>;
  return (
    <Table fz="sm" striped data-testid="audit-runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audits.finishedAt')}</Table.Th>
          <Table.Th>{t('audits.by')}</Table.Th>
          <Table.Th>{t('audits.hosts')}</Table.Th>
          <Table.Th>{t('audits.devices')}</Table.Th>
          <Table.Th>{t('audits.counts')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Anchor component={Link} to={`/cameras/audits/${r.id}`}>
                {formatDateTime(r.finishedAt, lang)}
              </Anchor>
              {r.cancelled && (
                <Badge ml="xs" color="orange" size="xs">
                  {t('audits.cancelled')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{r.requestedBy}</Table.Td>
            <Table.Td>
              {r.hostsDone}/{r.hostsTotal}
            </Table.Td>
            <Table.Td>{r.devices}</Table.Td>
            <Table.Td>
              {t('audits.countsValue', { n: r.findingsNew, o: r.findingsOpen, f: r.findingsFixed })}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Audit jobs of the unit still queued or running (also those started elsewhere, e.g. before a reload). */
function ActiveAudits({
  unitId,
  except,
  canCancel,
}: {
  unitId: string;
  except?: string;
  canCancel: boolean;
}) {
  const jobs = useQuery({
    queryKey: ['camera-audit-jobs', unitId],
    queryFn: async () =>
      parseAnswer(JobPage, await api.get('/api/jobs', { kind: 'cameras.audit', pageSize: 10 })),
    refetchInterval: 3000,
  });
  const active = (jobs.data?.items ?? []).filter(
    (j) => isActive(j) && j.unitId === unitId && j.id !== except,
  );
  return active.map((j) => <AuditLive key={j.id} jobId={j.id} canCancel={canCancel} />);
}

/** The audits tab: start a run on the unit's registered scope, follow it live, read the past runs. */
export function AuditsTab() {
  const t = useT();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [unitId, setUnitId] = useState<string | null>(user.unitId);
  const jobId = params.get('job');
  const runId = params.get('run') ?? undefined;
  const canCancel = can(user.role, 'cancelJobs');
  return (
    <Stack>
      <UnitSelect label={t('cameras.unit')} value={unitId} onChange={setUnitId} w={360} />
      {unitId && (
        <>
          <StartAudit unitId={unitId} onStarted={(job, run) => setParams({ tab: 'audits', job, run })} />
          {jobId && <AuditLive jobId={jobId} runId={runId} canCancel={canCancel} />}
          <ActiveAudits unitId={unitId} except={jobId ?? undefined} canCancel={canCancel} />
          <Text fw={600}>{t('audits.runs')}</Text>
          <RunsTable unitId={unitId} />
          <CredentialsPanel unitId={unitId} />
        </>
      )}
    </Stack>
  );
}
