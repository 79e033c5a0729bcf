import { Anchor, Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { CountdownBadge } from './countdown-badge';
import { type Contact, FORM_SECTIONS, FRAME_FIELDS, type ReportSummary } from './types';

type Props = {
  incidentId: string;
  form: string | null;
  canEdit: boolean;
  onClose: () => void;
  onChange: () => void;
};

/** A report form: fields filled from the case, edited, saved, generated as DOCX, then sent. */
export function ReportFormModal({ incidentId, form, canEdit, onClose, onChange }: Props) {
  const t = useT();
  const url = `/api/incidents/${incidentId}/reports/${form}`;
  const report = useQuery({
    queryKey: ['incidents', 'report', incidentId, form],
    queryFn: () => api.get<ReportSummary>(url),
    enabled: !!form,
  });
  const contacts = useQuery({
    queryKey: ['incident-contacts'],
    queryFn: () => api.get<{ items: Contact[] }>('/api/incident-contacts'),
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [recipients, setRecipients] = useState<string[]>([]);
  useEffect(() => {
    if (report.data) {
      setFields(report.data.fields);
      setRecipients(report.data.recipientContactIds);
    }
  }, [report.data]);
  const done = async () => {
    await report.refetch();
    onChange();
  };
  const save = useMutation({
    mutationFn: () => api.patch(url, { fields, recipientContactIds: recipients }),
    onSuccess: done,
  });
  const generate = useMutation({
    mutationFn: async () => {
      await api.patch(url, { fields, recipientContactIds: recipients });
      return api.post(`${url}/generate`);
    },
    onSuccess: done,
  });
  const send = useMutation({
    mutationFn: (channel: string) => api.post(`${url}/send`, { channel, contactIds: recipients }),
    onSuccess: done,
  });
  if (!form) return null;
  const data = report.data;
  const error = report.error ?? save.error ?? generate.error ?? send.error;
  const input = (f: { key: string; label: string; required?: boolean; multiline?: boolean }) => {
    const props = {
      key: f.key,
      label: f.label,
      required: f.required,
      readOnly: !canEdit,
      value: fields[f.key] ?? '',
      onChange: (e: { currentTarget: { value: string } }) =>
        setFields({ ...fields, [f.key]: e.currentTarget.value }),
    };
    return f.multiline ? <Textarea {...props} autosize minRows={2} /> : <TextInput {...props} />;
  };
  return (
    <Modal opened onClose={onClose} size="xl" title={data?.title ?? ''}>
      <Stack>
        {error && <ErrorAlert error={error} />}
        {data && <CountdownBadge countdown={data.countdown} dueAt={data.dueAt} label={data.deadlineSource} />}
        {FORM_SECTIONS[form as keyof typeof FORM_SECTIONS].map((section) => (
          <Stack key={section.heading} gap="xs">
            <Title order={5}>{section.heading}</Title>
            {section.fields.map(input)}
          </Stack>
        ))}
        <Title order={5}>{t('incidents.reportFrame')}</Title>
        <MultiSelect
          label={t('incidents.recipients')}
          value={recipients}
          onChange={setRecipients}
          readOnly={!canEdit}
          data={(contacts.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.shortName}${c.email ? ` <${c.email}>` : ''}`,
          }))}
        />
        {FRAME_FIELDS.map(input)}
        <Group justify="space-between">
          {data?.fileId ? (
            <Anchor href={`/api/files/${data.fileId}/content`}>{t('incidents.downloadDocx')}</Anchor>
          ) : (
            <span />
          )}
          {canEdit && (
            <Group gap="xs">
              <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
                {t('incidents.save')}
              </Button>
              <Button onClick={() => generate.mutate()} loading={generate.isPending}>
                {t('incidents.generate')}
              </Button>
              <Button
                color="teal"
                disabled={!data?.fileId}
                onClick={() => send.mutate('email')}
                loading={send.isPending}
              >
                {t('incidents.sendEmail')}
              </Button>
              <Button variant="light" disabled={!data?.fileId} onClick={() => send.mutate('cong_van')}>
                {t('incidents.markSent')}
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
