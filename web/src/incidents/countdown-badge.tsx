import { Badge, Tooltip } from '@mantine/core';
import { useLanguage } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { COUNTDOWN_COLORS } from './types';

type Props = { countdown: { state: string; label: string }; dueAt: string | null; label?: string };

/** The legal deadline as a countdown ("còn 2 ngày 3 giờ", "quá hạn 5 giờ"), its date on hover. */
export function CountdownBadge({ countdown, dueAt, label }: Props) {
  const { lang } = useLanguage();
  return (
    <Tooltip label={dueAt ? formatDateTime(dueAt, lang) : '—'} disabled={!dueAt}>
      <Badge color={COUNTDOWN_COLORS[countdown.state] ?? 'gray'} variant="light">
        {label ? `${label}: ` : ''}
        {countdown.label}
      </Badge>
    </Tooltip>
  );
}
