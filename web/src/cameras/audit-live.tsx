import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { isActive, Job, parseAnswer } from '../jobs/job';
import { JobProgress, JobStatusBadge } from '../jobs/job-progress';
import { parseAuditProgress } from './audit-types';

/**
 * One audit job, live: the jobs progress bar, hosts done / total and findings so far, a cancel button
 * while it runs, and the link to its run once it is stored (a cancelled run keeps what it found).
 */
export function AuditLive({
  jobId,
  runId,
  canCancel,
}: {
  jobId: string;
  runId?: string;
  canCancel: boolean;
}) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: async () => parseAnswer(Job, await api.get(`/api/jobs/${jobId}`)),
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 1000),
  });
  const j = job.data;
  const ended = j !== undefined && !isActive(j);
  useEffect(() => {
    if (ended) client.invalidateQueries({ queryKey: ['camera-audits'] });
  }, [ended, client]);
  if (!j) return null;
  const p = parseAuditProgress(j.message);
  return (
    <Paper withBorder p="md" data-testid="audit-live">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{j.title[lang]}</Text>
            <JobStatusBadge status={j.status} />
          </Group>
          {canCancel && isActive(j) && !j.cancelRequested && (
            <Button
              size="xs"
              color="red"
              variant="light"
              onClick={async () => {
                await api.post(`/api/jobs/${jobId}/cancel`);
                await job.refetch();
              }}
            >
              {t('audits.cancel')}
            </Button>
          )}
        </Group>
        <JobProgress job={j} />
        {p && (
          <Text size="sm" data-testid="audit-progress">
            {t('audits.progress', p)}
          </Text>
        )}
        {ended && runId && j.status !== 'failed' && (
          <Anchor component={Link} to={`/cameras/audits/${runId}`}>
            {t('audits.openRun')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
