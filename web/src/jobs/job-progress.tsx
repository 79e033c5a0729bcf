import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { MessageKey } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-t';
import { ChainVerdict, type Job, type JobStatus } from './job';

const STATUS: Record<JobStatus, { color: string; label: MessageKey }> = {
  queued: { color: 'gray', label: 'jobs.statusQueued' },
  running: { color: 'blue', label: 'jobs.statusRunning' },
  succeeded: { color: 'teal', label: 'jobs.statusSucceeded' },
  failed: { color: 'red', label: 'jobs.statusFailed' },
  cancelled: { color: 'orange', label: 'jobs.statusCancelled' },
};

export function statusLabel(status: JobStatus): MessageKey {
  return STATUS[status].label;
}

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const t = useT();
  return (
    <Badge color={STATUS[status].color} variant="light" data-testid="job-status" miw="max-content">
      {t(STATUS[status].label)}
    </Badge>
  );
}

/** The bar, its percentage, and what the job says it is doing (or its error, or its verdict). */
export function JobProgress({ job }: { job: Job }) {
  const t = useT();
  const { lang } = useLanguage();
  const percent = Math.round(job.progress);
  const verdict = ChainVerdict.safeParse(job.result);
  let note =
    job.error ?? (job.cancelRequested && job.status === 'running' ? t('jobs.stopping') : job.message);
  if (job.status === 'succeeded' && verdict.success) {
    note = verdict.data.ok
      ? t('jobs.chainOk', { rows: verdict.data.rows })
      : t('jobs.chainBroken', { id: verdict.data.brokenAt?.id ?? '?' });
  }
  return (
    <Stack gap={4} miw={220} data-job-id={job.id}>
      <Group gap="xs" wrap="nowrap">
        <Progress
          value={percent}
          color={STATUS[job.status].color}
          size="lg"
          radius="xl"
          animated={job.status === 'running'}
          aria-label={`${job.title[lang]}: ${percent}%`}
          style={{ flex: 1 }}
        />
        <Text size="sm" fw={600} w={44} ta="right" data-testid="job-percent">
          {percent}%
        </Text>
      </Group>
      {note && (
        <Text
          size="xs"
          c={job.error || (verdict.success && !verdict.data.ok) ? 'red' : 'dimmed'}
          lineClamp={2}
        >
          {note}
        </Text>
      )}
    </Stack>
  );
}
