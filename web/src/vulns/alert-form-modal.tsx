import { Badge, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../api';
import type { Alert, AlertCreateBody } from '../contract-types';
import { useT } from '../i18n/use-t';
import { FieldProblems } from '../ui/field-problems';

const CVE_PATTERN = /CVE-\d{4}-\d{4,}/gi;
const PREVIEW = 12;

/** The CVE ids the server will take from the pasted text (src/vulns/alerts-contract.ts extractCveIds). */
export function cveIdsIn(text: string): string[] {
  return [...new Set((text.match(CVE_PATTERN) ?? []).map((c) => c.toUpperCase()))].sort();
}

/** Records a national alert (POST /api/alerts): its reference, deadline, and the pasted text or CVE list. */
export function AlertFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [issuer, setIssuer] = useState('');
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState(new Date().toLocaleDateString('sv-SE'));
  const [deadline, setDeadline] = useState('');
  const [title, setTitle] = useState('');
  const [cveText, setCveText] = useState('');
  const found = useMemo(() => cveIdsIn(cveText), [cveText]);
  const save = useMutation({
    mutationFn: () => {
      const body: AlertCreateBody = { issuer, number, issuedOn, title, deadline: deadline || null, cveText };
      return api.post<Alert>('/api/alerts', body);
    },
    onSuccess: async (alert) => {
      await client.invalidateQueries({ queryKey: ['alerts'] });
      navigate(`/alerts/${alert.id}`);
    },
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError ? save.error.fieldMessage(name) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('alerts.create')}
      size="xl"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('alerts.issuer')}
              placeholder={t('alerts.issuerHint')}
              required
              value={issuer}
              error={fieldError('issuer')}
              onChange={(event) => setIssuer(event.currentTarget.value)}
            />
            <TextInput
              label={t('alerts.number')}
              placeholder="383/CATTT-NCSC"
              required
              value={number}
              error={fieldError('number')}
              onChange={(event) => setNumber(event.currentTarget.value)}
            />
            <TextInput
              label={t('alerts.issuedOn')}
              type="date"
              required
              value={issuedOn}
              error={fieldError('issuedOn')}
              onChange={(event) => setIssuedOn(event.currentTarget.value)}
            />
            <TextInput
              label={t('alerts.deadline')}
              description={t('alerts.deadlineHint')}
              type="date"
              value={deadline}
              error={fieldError('deadline')}
              onChange={(event) => setDeadline(event.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('alerts.titleLabel')}
            required
            value={title}
            error={fieldError('title')}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <Textarea
            label={t('alerts.cveText')}
            description={t('alerts.cveTextHint')}
            autosize
            minRows={6}
            maxRows={14}
            value={cveText}
            error={fieldError('cveText') ?? fieldError('cves')}
            onChange={(event) => setCveText(event.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          <Stack gap={6} aria-live="polite">
            <Text size="sm" fw={600} c={found.length === 0 ? 'dimmed' : undefined} data-testid="cve-count">
              {t('alerts.cvesFound', { count: found.length })}
            </Text>
            {found.length > 0 && (
              <Group gap={6}>
                {found.slice(0, PREVIEW).map((cve) => (
                  <Badge key={cve} variant="light" color="indigo" tt="none" ff="monospace">
                    {cve}
                  </Badge>
                ))}
                {found.length > PREVIEW && (
                  <Text size="xs" c="dimmed">
                    {t('common.more', { count: found.length - PREVIEW })}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
          <FieldProblems error={save.error} describeField={(f) => f.replace(/^body\./, '')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={found.length === 0}>
              {t('alerts.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
