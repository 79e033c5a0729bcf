import { Badge, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import type { ImportSummary } from '../contract-types';
import { useT } from '../i18n/use-t';
import { FieldProblems } from '../ui/field-problems';
import { UnitSelect } from '../ui/unit-select';
import { fieldOfFile, prepareImport } from './import-files';

const STATUS_COLORS = { created: 'teal', updated: 'blue', unchanged: 'gray', outdated: 'yellow' } as const;

/** Upload collector JSON files (one or many) or one hand-kept CSV list into a unit. */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(me.user.unitId);
  const [files, setFiles] = useState<File[]>([]);
  const [origins, setOrigins] = useState<string[]>([]);
  const upload = useMutation({
    mutationFn: async () => {
      const prepared = await prepareImport(files, t);
      if (prepared.kind === 'csv') {
        setOrigins([prepared.file]);
        return api.post<ImportSummary>('/api/inventory/import-csv', {
          unitId: unitId ?? undefined,
          csv: prepared.csv,
        });
      }
      setOrigins(prepared.origins);
      return api.post<ImportSummary>('/api/inventory/import', {
        unitId: unitId ?? undefined,
        documents: prepared.documents,
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['hosts'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.mutate();
  };
  const summary = upload.data;

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('inventoryImport.title')}
      size="xl"
      centered
    >
      {summary ? (
        <Stack>
          <Group gap="xs" aria-label={t('inventoryImport.summary')}>
            <Badge color="teal" variant="light" size="lg">
              {t('inventoryImport.created', { count: summary.created })}
            </Badge>
            <Badge color="blue" variant="light" size="lg">
              {t('inventoryImport.updated', { count: summary.updated })}
            </Badge>
            <Badge color="gray" variant="light" size="lg">
              {t('inventoryImport.unchanged', { count: summary.unchanged })}
            </Badge>
          </Group>
          <Table striped verticalSpacing={4} aria-label={t('inventoryImport.summary')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hosts.hostname')}</Table.Th>
                <Table.Th>{t('inventoryImport.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.hosts.map((host) => (
                <Table.Tr key={host.id}>
                  <Table.Td>
                    <Text
                      component={Link}
                      to={`/inventory/hosts/${host.id}`}
                      size="sm"
                      c="indigo"
                      onClick={onClose}
                    >
                      {host.hostname}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[host.status]}>
                      {t(`inventoryImport.status.${host.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => upload.reset()}>
              {t('inventoryImport.again')}
            </Button>
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('inventoryImport.intro')}
            </Text>
            <UnitSelect label={t('hosts.unit')} required value={unitId} onChange={setUnitId} />
            <FileInput
              label={t('inventoryImport.files')}
              description={t('inventoryImport.filesHint')}
              placeholder={t('inventoryImport.choose')}
              multiple
              clearable
              accept=".json,.csv,application/json,text/csv"
              value={files}
              onChange={(next) => {
                setFiles(next);
                upload.reset();
              }}
            />
            <FieldProblems error={upload.error} describeField={(field) => fieldOfFile(field, origins)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={upload.isPending} disabled={files.length === 0 || !unitId}>
                {t('inventoryImport.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
