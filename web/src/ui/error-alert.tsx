import { Alert, Button, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiError } from '../api';
import { useT } from '../i18n/use-t';

/** Shows an error as the server said it (already in the user's language), with its request id. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  // A form's error appears below fields the user may have scrolled past: bring it into view.
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('error.unexpected', { status: '—' });
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert ref={ref} color="red" variant="light" title={t('error.title')} role="alert">
      <Text size="sm">{message}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('common.requestId', { id: requestId })}
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
