import { Code, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { FactRow } from '../ui/fact-row';
import { formatDateTime } from '../ui/format';

/** One event as GET /api/events/:id answers (src/monitoring/events/contract.ts EventItem). */
type EventDetail = {
  id: string;
  time: string;
  receivedAt: string;
  senderIp: string | null;
  host: string | null;
  app: string | null;
  facility: number | null;
  severity: number | null;
  format: string;
  message: string;
  fields: Record<string, unknown>;
  rawBase64: string | null;
  parseError: string | null;
};

/** The whole of one event (fields, original bytes, parse error), fetched by id when opened. */
export function EventDetailModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLanguage();
  const detail = useQuery({
    queryKey: ['event', id],
    queryFn: () => api.get<EventDetail>(`/api/events/${id}`),
    enabled: id !== null,
  });
  const e = detail.data;
  return (
    <Modal opened={id !== null} onClose={onClose} title={t('events.detail')} size="lg">
      {detail.error && <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />}
      {e && (
        <Stack gap="xs">
          <FactRow label={t('events.time')}>{formatDateTime(e.time, lang)}</FactRow>
          <FactRow label={t('events.receivedAt')}>{formatDateTime(e.receivedAt, lang)}</FactRow>
          <FactRow label={t('events.host')}>{e.host}</FactRow>
          <FactRow label={t('events.sender')}>{e.senderIp}</FactRow>
          <FactRow label={t('events.app')}>{e.app}</FactRow>
          <FactRow label={t('events.format')}>{e.format}</FactRow>
          <FactRow label={t('events.severity')} optional>
            {e.severity === null ? null : String(e.severity)}
          </FactRow>
          <FactRow label={t('events.parseError')} optional>
            {e.parseError}
          </FactRow>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {e.message}
          </Code>
          {Object.keys(e.fields).length > 0 && (
            <>
              <Text size="sm" c="dimmed">
                {t('events.fields')}
              </Text>
              <Code block>{JSON.stringify(e.fields, null, 2)}</Code>
            </>
          )}
          {e.rawBase64 && (
            <>
              <Text size="sm" c="dimmed">
                {t('events.raw')}
              </Text>
              <Code block style={{ wordBreak: 'break-all' }}>
                {e.rawBase64}
              </Code>
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}
