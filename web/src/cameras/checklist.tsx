import { Anchor, Badge, Select, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import type { Checklist } from './types';

const STATUSES = ['pass', 'fail', 'not_applicable', 'unknown'] as const;
const COLORS: Record<string, string> = {
  pass: 'green',
  fail: 'red',
  not_applicable: 'gray',
  unknown: 'yellow',
};

/** Who filled a result: the audit (automated, with its run) or a person (with their name); none = unknown. */
function FilledBy({ row }: { row: Checklist['rows'][number] }) {
  const t = useT();
  if (row.evidenceKind === 'automated')
    return (
      <Badge size="xs" variant="light" color="violet" data-testid="filled-by">
        {t('audits.filledByAudit')}
      </Badge>
    );
  if (!row.recordedBy) return null;
  return (
    <Badge size="xs" variant="light" color="gray" data-testid="filled-by">
      {t('audits.filledByPerson', { name: row.recordedBy })}
    </Badge>
  );
}

/** The audit run that filled a result links to that run's page; other automated sources are named. */
function AutomatedSource({ row }: { row: Checklist['rows'][number] }) {
  const t = useT();
  const runId = row.automatedDetail?.runId;
  if (typeof runId !== 'string') return <Text size="xs">{row.automatedSource}</Text>;
  return (
    <Anchor component={Link} to={`/cameras/audits/${runId}`} size="xs" display="block">
      {t('audits.openRun')}
    </Anchor>
  );
}

/** The criteria checklist of a camera or a system; a person's answer is saved on change with its note. */
export function ChecklistTable({
  target,
  id,
  editable,
}: {
  target: 'camera' | 'system';
  id: string;
  editable: boolean;
}) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const url = target === 'camera' ? `/api/cameras/${id}/checklist` : `/api/camera-systems/${id}/checklist`;
  const [notes, setNotes] = useState<Record<string, string>>({});
  const list = useQuery({ queryKey: ['camera-checklist', url], queryFn: () => api.get<Checklist>(url) });
  const save = useMutation({
    mutationFn: (body: { criterionId: string; status: string; note: string | null }) =>
      api.put<Checklist>(url, body),
    onSuccess: (data) => client.setQueryData(['camera-checklist', url], data),
  });
  const statusLabel = (s: string) => t(`cameras.status.${s}` as 'cameras.status.pass');
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <ErrorAlert error={save.error} />
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cameras.criterion')}</Table.Th>
            <Table.Th>{t('cameras.statusLabel')}</Table.Th>
            <Table.Th>{t('cameras.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.rows ?? []).map((row) => (
            <Table.Tr key={row.criterion.id}>
              <Table.Td>
                <Text size="sm">
                  {lang === 'en' && row.criterion.titleEn ? row.criterion.titleEn : row.criterion.titleVi}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.criterion.key} · {row.criterion.reference}
                </Text>
              </Table.Td>
              <Table.Td>
                {editable ? (
                  <Select
                    size="xs"
                    data={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
                    value={row.status}
                    onChange={(status) =>
                      status &&
                      save.mutate({
                        criterionId: row.criterion.id,
                        status,
                        note: notes[row.criterion.id] ?? row.note,
                      })
                    }
                  />
                ) : (
                  <Badge color={COLORS[row.status]}>{statusLabel(row.status)}</Badge>
                )}
              </Table.Td>
              <Table.Td>
                <FilledBy row={row} />
                {row.evidenceKind === 'automated' ? (
                  <AutomatedSource row={row} />
                ) : editable ? (
                  <TextInput
                    size="xs"
                    placeholder={t('cameras.note')}
                    defaultValue={row.note ?? ''}
                    onChange={(e) => setNotes({ ...notes, [row.criterion.id]: e.currentTarget.value })}
                  />
                ) : (
                  <Text size="xs">{row.note}</Text>
                )}
                {row.fileId && <a href={`/api/files/${row.fileId}/content`}>{t('cameras.file')}</a>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
