import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import type { CameraAuditFindings } from './audit-types';
import { FindingGroups } from './finding-card';

/** The camera page's audit section: its findings in the latest run that reported on it. */
export function CameraFindings({ cameraId }: { cameraId: string }) {
  const t = useT();
  const { lang } = useLanguage();
  const data = useQuery({
    queryKey: ['camera-audit-findings', cameraId],
    queryFn: () => api.get<CameraAuditFindings>(`/api/cameras/${cameraId}/audit-findings`),
  });
  if (data.error) return <ErrorAlert error={data.error} />;
  const d = data.data;
  if (!d) return null;
  return (
    <Stack gap="xs" data-testid="camera-findings">
      <Title order={4}>{t('audits.cameraFindings')}</Title>
      {d.run ? (
        <>
          <Text size="sm">
            {t('audits.fromRun')}{' '}
            <Anchor component={Link} to={`/cameras/audits/${d.run.id}`}>
              {formatDateTime(d.run.finishedAt, lang)}
            </Anchor>
          </Text>
          <FindingGroups findings={d.findings} />
        </>
      ) : (
        <Text c="dimmed">{t('audits.noFindings')}</Text>
      )}
    </Stack>
  );
}
