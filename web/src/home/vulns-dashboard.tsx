import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import type { FindingSummary } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { findingsLink } from '../vulns/finding-format';
import { TrendChart } from './trend-chart';
import { UnitSummaryTable } from './unit-summary-table';
import { STATS } from './vulns-stats';

/** The vulnerability dashboard of the overview (GET /api/findings/summary): totals, then per unit. */
export function VulnsDashboard() {
  const t = useT();
  const summary = useQuery({
    queryKey: ['findings', 'summary'],
    queryFn: () => api.get<FindingSummary>('/api/findings/summary'),
  });
  const totals = summary.data?.totals;

  return (
    <Stack gap="sm" component="section" aria-label={t('dashboard.title')}>
      <Group justify="space-between" align="baseline">
        <Title order={3}>{t('dashboard.title')}</Title>
        <Anchor component={Link} to="/findings" size="sm">
          {t('dashboard.toFindings')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('dashboard.intro')}
      </Text>
      {summary.error && <ErrorAlert error={summary.error} onRetry={() => summary.refetch()} />}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {STATS.map((stat) => {
          const value = totals?.[stat.key];
          return (
            <Card
              key={stat.key}
              withBorder
              radius="md"
              padding="md"
              component={Link}
              to={findingsLink(stat.filters)}
              aria-label={`${t(stat.label)}: ${value ?? '…'}`}
            >
              <Text size="sm" c="dimmed">
                {t(stat.label)}
              </Text>
              <Text fz={30} fw={700} c={value ? stat.color : 'dimmed'}>
                {value ?? '…'}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
      <TrendChart />
      {summary.data && <UnitSummaryTable rows={summary.data.byUnit} />}
    </Stack>
  );
}
