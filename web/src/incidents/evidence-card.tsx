import { Anchor, Button, Card, FileInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDateTime } from '../ui/format';
import type { IncidentDetail } from './types';

type Props = { incident: IncidentDetail; canEdit: boolean; onChange: () => void };

/** Evidence files with their SHA-256; downloads always come back as attachments, never rendered. */
export function EvidenceCard({ incident, canEdit, onChange }: Props) {
  const t = useT();
  const { lang } = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('description', description);
      form.append('file', file!);
      return api.upload(`/api/incidents/${incident.id}/evidence`, form);
    },
    onSuccess: () => {
      setFile(null);
      setDescription('');
      onChange();
    },
  });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('incidents.evidence')}
      </Title>
      {incident.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('incidents.none')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {incident.evidence.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor href={`/api/files/${e.file.id}/content`} size="sm">
                    {e.file.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {e.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    SHA-256 {e.file.sha256}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.addedAt, lang)} · {e.addedBy}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Stack gap="xs" mt="md">
          {upload.error && <ErrorAlert error={upload.error} />}
          <Group grow>
            <FileInput placeholder={t('incidents.evidenceFile')} value={file} onChange={setFile} clearable />
            <TextInput
              placeholder={t('incidents.evidenceDescription')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
          </Group>
          <Button size="xs" onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending}>
            {t('incidents.evidenceUpload')}
          </Button>
        </Stack>
      )}
    </Card>
  );
}
