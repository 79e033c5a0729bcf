import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { CountdownBadge } from './countdown-badge';
import { ReportFormModal } from './report-form-modal';
import type { IncidentDetail } from './types';

type Props = { incident: IncidentDetail; canEdit: boolean; onChange: () => void };

/** The forms of the case's regime, each with its legal deadline as a countdown. */
export function ReportsCard({ incident, canEdit, onChange }: Props) {
  const t = useT();
  const { lang } = useLanguage();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('incidents.reports')}
      </Title>
      <Stack gap="xs">
        {incident.reports.map((r) => (
          <Group key={r.form} justify="space-between" wrap="nowrap" data-testid={`report-${r.form}`}>
            <Stack gap={0}>
              <Text size="sm" fw={600} c={r.applies ? undefined : 'dimmed'}>
                {r.title}
              </Text>
              <Text size="xs" c="dimmed">
                {r.deadlineSource}
                {r.unverified ? ` · ${t('incidents.unverified')}` : ''}
                {r.generatedAt
                  ? ` · ${t('incidents.generatedAt')} ${formatDateTime(r.generatedAt, lang)} (${r.generatedBy})`
                  : ''}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              {r.applies && <CountdownBadge countdown={r.countdown} dueAt={r.dueAt} />}
              {r.fileId && (
                <Anchor href={`/api/files/${r.fileId}/content`} size="sm">
                  DOCX
                </Anchor>
              )}
              <Button size="xs" variant="light" disabled={!r.applies} onClick={() => setOpen(r.form)}>
                {t('incidents.openForm')}
              </Button>
            </Group>
          </Group>
        ))}
      </Stack>
      {open && (
        <ReportFormModal
          incidentId={incident.id}
          form={open}
          canEdit={canEdit}
          onClose={() => setOpen(null)}
          onChange={onChange}
        />
      )}
    </Card>
  );
}
