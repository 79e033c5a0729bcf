import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useT } from '../i18n/use-t';

/** A secret shown once (generated password, API token): selectable, copyable, with a warning. */
export function SecretBox({ title, hint, secret }: { title: string; hint: string; secret: string }) {
  const t = useT();
  return (
    <Alert color="yellow" variant="light" title={title}>
      <Stack gap="xs">
        <Text size="sm">{hint}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            readOnly
            value={secret}
            aria-label={title}
            data-testid="secret-value"
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button color={copied ? 'teal' : 'blue'} variant="light" onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
