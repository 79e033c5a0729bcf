import { Button, Card, Checkbox, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { RuleImported } from './rules-types';

/** Upload of rule files or archives; each refused file is listed with its reason in the user's language. */
export function RulesImport({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { lang } = useLanguage();
  const [files, setFiles] = useState<File[]>([]);
  const [partial, setPartial] = useState(true);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      return api.upload<RuleImported>(`/api/sigma-rules/import${partial ? '?partial=true' : ''}`, form);
    },
    onSuccess: () => {
      setFiles([]);
      onDone();
    },
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group align="flex-end">
          <FileInput
            style={{ flex: 1 }}
            multiple
            label={t('rules.importFiles')}
            accept=".yml,.yaml,.zip,.gz,.tgz"
            value={files}
            onChange={setFiles}
          />
          <Checkbox
            label={t('rules.partial')}
            checked={partial}
            onChange={(e) => setPartial(e.currentTarget.checked)}
          />
          <Button disabled={files.length === 0} loading={upload.isPending} onClick={() => upload.mutate()}>
            {t('rules.import')}
          </Button>
        </Group>
        {upload.error && <ErrorAlert error={upload.error} />}
        {upload.data && (
          <>
            <Text size="sm">
              {t('rules.imported', {
                n: upload.data.imported.length,
                refused: upload.data.refused.length,
                skipped: upload.data.skipped,
              })}
            </Text>
            <List size="sm">
              {upload.data.refused.slice(0, 50).map((r) => (
                <List.Item key={r.file}>
                  {r.file}: {r.label[lang]} {r.detail && `(${r.detail})`}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Card>
  );
}
