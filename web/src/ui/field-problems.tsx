import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../api';
import { useT } from '../i18n/use-t';

const SHOWN = 20;

/**
 * The server's message and, one per line, the fields it named (VALIDATION_FAILED carries them). The
 * message already lists the fields in one run-on sentence; with the list below, only its lead is kept.
 */
export function FieldProblems({
  error,
  describeField = (field) => field,
}: {
  error: unknown;
  describeField?: (field: string) => string;
}) {
  const t = useT();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const fields = api?.fields ?? [];
  let message = api ? api.message : t('error.unexpected', { status: '—' });
  const first = fields[0];
  const cut = first ? message.indexOf(`${first.field}:`) : -1;
  if (cut > 0) message = message.slice(0, cut).replace(/[\s:]+$/, '');
  return (
    <Alert color="red" variant="light" title={t('error.title')} role="alert">
      <Text size="sm">{message}</Text>
      {fields.length > 0 && (
        <List size="sm" mt="xs" spacing={2}>
          {fields.slice(0, SHOWN).map((problem) => (
            <List.Item key={`${problem.field}:${problem.message}`}>
              <Text span size="sm" ff="monospace">
                {describeField(problem.field)}
              </Text>
              : {problem.message}
            </List.Item>
          ))}
        </List>
      )}
      {fields.length > SHOWN && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('common.more', { count: fields.length - SHOWN })}
        </Text>
      )}
      {api?.requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('common.requestId', { id: api.requestId })}
        </Text>
      )}
    </Alert>
  );
}
