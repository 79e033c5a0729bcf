import { Alert, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { ConfirmModal } from '../ui/confirm-modal';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { isActive, JOB_STATUSES, Job, JobPage, type JobStatus, parseAnswer } from './job';
import { JobProgress, JobStatusBadge, statusLabel } from './job-progress';

const PAGE_SIZE = 25;

const isMissingApi = (error: unknown) => error instanceof ApiError && error.code === 'ROUTE_NOT_FOUND';

export function JobsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [cancelling, setCancelling] = useState<Job | null>(null);
  const filters = { page, pageSize: PAGE_SIZE, status };
  const jobs = useQuery({
    queryKey: ['jobs', filters],
    queryFn: async () => parseAnswer(JobPage, await api.get('/api/jobs', filters)),
    placeholderData: keepPreviousData,
    // Live while anything on the page is still queued or running; quiet otherwise.
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? 1000 : false),
  });
  const verify = useMutation({
    mutationFn: async () => parseAnswer(Job, await api.post('/api/audit/verify')),
    onSuccess: () => jobs.refetch(),
  });
  const live = jobs.data?.items.some(isActive) ?? false;

  const columns: Column<Job>[] = [
    {
      key: 'task',
      header: t('jobs.task'),
      render: (job) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {job.title[lang]}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {job.kind}
          </Text>
        </Stack>
      ),
    },
    { key: 'status', header: t('jobs.status'), render: (job) => <JobStatusBadge status={job.status} /> },
    { key: 'progress', header: t('jobs.progress'), width: '34%', render: (job) => <JobProgress job={job} /> },
    { key: 'attempts', header: t('jobs.attempts'), render: (job) => `${job.attempts}/${job.maxAttempts}` },
    { key: 'created', header: t('jobs.createdAt'), render: (job) => formatDateTime(job.createdAt, lang) },
    { key: 'finished', header: t('jobs.finishedAt'), render: (job) => formatDateTime(job.finishedAt, lang) },
  ];
  if (can(me.user.role, 'cancelJobs')) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      render: (job) =>
        isActive(job) &&
        !job.cancelRequested && (
          <Button size="compact-xs" variant="light" color="red" onClick={() => setCancelling(job)}>
            {t('jobs.cancel')}
          </Button>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        intro={t('jobs.intro')}
        actions={
          can(me.user.role, 'verifyAudit') && (
            <Button onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('jobs.verify')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        {verify.error &&
          (isMissingApi(verify.error) ? (
            <Alert color="yellow">{t('jobs.unavailable')}</Alert>
          ) : (
            <ErrorAlert error={verify.error} />
          ))}
        <Group justify="space-between">
          <Select
            placeholder={`${t('jobs.status')}: ${t('common.all')}`}
            clearable
            value={status}
            data={JOB_STATUSES.map((s) => ({ value: s, label: t(statusLabel(s)) }))}
            onChange={(value) => {
              setStatus(value as JobStatus | null);
              setPage(1);
            }}
            w={220}
          />
          {live && (
            <Badge color="blue" variant="dot">
              {t('jobs.live')}
            </Badge>
          )}
        </Group>
        {isMissingApi(jobs.error) ? (
          <Alert color="yellow">{t('jobs.unavailable')}</Alert>
        ) : (
          <ServerTable
            columns={columns}
            query={jobs}
            rowKey={(job) => job.id}
            onPageChange={setPage}
            label={t('jobs.title')}
          />
        )}
      </Stack>
      <ConfirmModal
        opened={cancelling !== null}
        title={t('jobs.cancelTitle')}
        message={t('jobs.cancelConfirm', { title: cancelling?.title[lang] ?? '' })}
        confirmLabel={t('jobs.cancel')}
        onClose={() => setCancelling(null)}
        onConfirm={async () => {
          if (!cancelling) return;
          await api.post(`/api/jobs/${cancelling.id}/cancel`);
          await jobs.refetch();
        }}
      />
    </>
  );
}
