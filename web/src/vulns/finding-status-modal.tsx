import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import type { Finding, FindingUpdate } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { SETTABLE_STATUSES, statusLabelKey } from './finding-format';

type Settable = (typeof SETTABLE_STATUSES)[number];

/**
 * Moves one finding (PATCH /api/findings/:id). The reason and end date are marked, not enforced here:
 * the server decides (FINDING_REASON_REQUIRED) and its message is shown as it says it.
 */
export function FindingStatusModal({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const initial = finding.status === 'fixed' ? 'open' : finding.status;
  const [status, setStatus] = useState<Settable>(initial);
  const [reason, setReason] = useState(finding.statusReason ?? '');
  const [until, setUntil] = useState(finding.statusUntil ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body: FindingUpdate = { status, reason: reason.trim() || undefined };
      if (status === 'risk_accepted') body.until = until || undefined;
      return api.patch<{ id: string; status: string }>(`/api/findings/${finding.id}`, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['findings'] });
      await client.invalidateQueries({ queryKey: ['alerts'] });
      onClose();
    },
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError ? save.error.fieldMessage(name) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const needsReason = status === 'risk_accepted' || status === 'false_positive';

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('findings.statusTitle')}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('findings.statusFor', { cve: finding.cve, host: finding.hostname })}</Text>
          <Select
            label={t('findings.statusLabel')}
            allowDeselect={false}
            value={status}
            data={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(statusLabelKey(s)) }))}
            onChange={(value) => value && setStatus(value as Settable)}
          />
          <Textarea
            label={t('findings.reason')}
            description={needsReason ? t('findings.reasonHint') : undefined}
            withAsterisk={needsReason}
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            error={fieldError('reason')}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {status === 'risk_accepted' && (
            <TextInput
              label={t('findings.untilLabel')}
              description={t('findings.untilHint')}
              withAsterisk
              type="date"
              value={until}
              error={fieldError('until')}
              onChange={(event) => setUntil(event.currentTarget.value)}
              w={220}
            />
          )}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
