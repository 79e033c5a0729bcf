import { Alert, Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import type { AlertStatus } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { FactRow } from '../ui/fact-row';
import { formatDate, formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { AlertUnitsTable } from './alert-units-table';
import { findingsLink } from './finding-format';

/** One national alert: its facts, its CVEs, and where each unit stands (GET /api/alerts/:id/status). */
export function AlertPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['alerts', 'status', id],
    queryFn: () => api.get<AlertStatus>(`/api/alerts/${encodeURIComponent(id)}/status`),
  });
  const back = <BackLink to="/alerts" label={t('alerts.back')} />;
  if (query.error) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      </Stack>
    );
  }
  if (!query.data) return <Loader m="xl" />;
  const { alert, overdue, units } = query.data;
  const affected = units.reduce((sum, u) => sum + u.affectedHosts, 0);

  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={alert.title}
        intro={t('alerts.reference', {
          issuer: alert.issuer,
          number: alert.number,
          date: formatDate(alert.issuedOn, lang),
        })}
        actions={
          <Anchor component={Link} to={findingsLink({ alertId: alert.id })} size="sm">
            {t('alerts.allFindings')}
          </Anchor>
        }
      />
      {overdue && (
        <Alert color="red" variant="filled" role="alert" title={t('alerts.overdueTitle')}>
          {t('alerts.overdueText', {
            deadline: formatDate(alert.deadline, lang),
            count: affected,
          })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md">
          <Text fw={600} mb="sm">
            {t('alerts.facts')}
          </Text>
          <Stack gap={6}>
            <FactRow label={t('alerts.issuer')}>{alert.issuer}</FactRow>
            <FactRow label={t('alerts.number')}>{alert.number}</FactRow>
            <FactRow label={t('alerts.issuedOn')}>{formatDate(alert.issuedOn, lang)}</FactRow>
            <FactRow label={t('alerts.deadline')}>
              {alert.deadline && (
                <Text span size="sm" fw={700} c={overdue ? 'red.7' : undefined}>
                  {formatDate(alert.deadline, lang)}
                </Text>
              )}
            </FactRow>
            <FactRow label={t('alerts.recordedBy')}>
              {[alert.createdBy, formatDateTime(alert.createdAt, lang)].filter(Boolean).join(' · ')}
            </FactRow>
            <FactRow label={t('alerts.notes')} optional>
              {alert.notes}
            </FactRow>
          </Stack>
        </Card>
        <Card withBorder radius="md">
          <Text fw={600} mb="sm">
            {t('alerts.cves', { count: alert.cves.length })}
          </Text>
          <Group gap={6}>
            {alert.cves.map((cve) => (
              <Badge
                key={cve}
                component={Link}
                to={`/vulnerabilities/${cve}`}
                variant="light"
                color="indigo"
                tt="none"
                ff="monospace"
                style={{ cursor: 'pointer' }}
              >
                {cve}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>
      <AlertUnitsTable alertId={alert.id} units={units} />
    </Stack>
  );
}
