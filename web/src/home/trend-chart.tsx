import { Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { FindingTrend } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';

type Point = FindingTrend['points'][number];
type Series = { key: keyof Omit<Point, 'day'>; label: MessageKey; color: string };

// A small SVG chart of our own: @mantine/charts (9.7.x) pins @mantine/core to its own version, and the
// console is on 9.8; a handful of lines does not need recharts either.
const SERIES: Series[] = [
  { key: 'open', label: 'trend.open', color: 'var(--mantine-color-blue-7)' },
  { key: 'critical', label: 'vulns.severity.critical', color: 'var(--mantine-color-red-7)' },
  { key: 'high', label: 'vulns.severity.high', color: 'var(--mantine-color-orange-7)' },
  { key: 'exploited', label: 'dashboard.exploited', color: 'var(--mantine-color-grape-7)' },
  { key: 'overdue', label: 'dashboard.overdue', color: 'var(--mantine-color-dark-4)' },
];
const WINDOWS = ['30', '90', '365'];
const W = 640;
const H = 200;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/** Where each point goes: days spread evenly left to right, counts from 0 at the bottom to the max. */
function scale(points: Point[]) {
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map((s) => p[s.key])));
  const span = Math.max(1, points.length - 1);
  const x = (i: number) => PAD.left + (W - PAD.left - PAD.right) * (points.length === 1 ? 0.5 : i / span);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  return { max, x, y };
}

function Plot({ points, label }: { points: Point[]; label: string }) {
  const { max, x, y } = scale(points);
  const last = points.length - 1;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label}>
      {[0, max].map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="var(--mantine-color-gray-3)" />
          <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" fontSize={11} fill="currentColor">
            {v}
          </text>
        </g>
      ))}
      <text x={x(0)} y={H - 6} fontSize={11} fill="currentColor" textAnchor={last ? 'start' : 'middle'}>
        {points[0]!.day}
      </text>
      {last > 0 && (
        <text x={x(last)} y={H - 6} fontSize={11} fill="currentColor" textAnchor="end">
          {points[last]!.day}
        </text>
      )}
      {SERIES.map((s) => (
        <g key={s.key} stroke={s.color} fill={s.color}>
          <polyline
            fill="none"
            strokeWidth={2}
            points={points.map((p, i) => `${x(i)},${y(p[s.key])}`).join(' ')}
          />
          {points.length === 1 && <circle cx={x(0)} cy={y(points[0]![s.key])} r={3} />}
        </g>
      ))}
    </svg>
  );
}

/** Open findings per day over the caller's subtree (GET /api/findings/trend). */
export function TrendChart() {
  const t = useT();
  const [days, setDays] = useState('90');
  const trend = useQuery({
    queryKey: ['findings', 'trend', days],
    queryFn: () => api.get<FindingTrend>(`/api/findings/trend?days=${days}`),
  });
  const points = trend.data?.points ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('trend.title')}</Title>
          <SegmentedControl
            size="xs"
            value={days}
            onChange={setDays}
            data={WINDOWS.map((n) => ({ value: n, label: t('trend.days', { n }) }))}
          />
        </Group>
        {trend.error && <ErrorAlert error={trend.error} onRetry={() => trend.refetch()} />}
        {trend.data && points.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('trend.empty')}
          </Text>
        )}
        {points.length > 0 && (
          <Plot points={points} label={t('trend.label', { from: points[0]!.day, to: points.at(-1)!.day })} />
        )}
        <Group gap="md">
          {SERIES.map((s) => (
            <Group key={s.key} gap={4}>
              <svg width={12} height={12} aria-hidden="true">
                <rect width={12} height={12} rx={2} fill={s.color} />
              </svg>
              <Text size="xs">{t(s.label)}</Text>
            </Group>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
