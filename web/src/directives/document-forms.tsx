import { Anchor, Button, Group, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { type DirectiveDetail, lines, type StoredFileRef } from './types';

type Form = {
  symbol: string;
  recipients: string;
  distribution: string;
  drafter: string;
  onBehalfOf: string;
  authority: string;
  authorityOf: string;
  title: string;
  name: string;
};

function signature(form: Form) {
  const authority = form.authority.trim() || undefined;
  return {
    authority,
    authorityOf: authority ? form.authorityOf.trim() : undefined,
    onBehalfOf: authority === 'KT.' && form.onBehalfOf.trim() ? form.onBehalfOf.trim() : undefined,
    title: form.title.trim() || undefined,
    name: form.name.trim(),
  };
}

/** The download link of a stored file: always an attachment, never rendered. */
export function FileLink({ fileId, label }: { fileId: string | null; label: string }) {
  if (!fileId) return null;
  return (
    <Anchor href={`/api/files/${fileId}/content`} download data-testid={`file-${fileId}`}>
      {label}
    </Anchor>
  );
}

/**
 * Composes the forwarding dispatch or the consolidated report. The issuer and the place come from the unit's
 * document settings on the server; the signer is typed here, prefilled as in the 2023 dispatch.
 */
export function DocumentForm({
  directive,
  kind,
}: {
  directive: DirectiveDetail;
  kind: 'dispatch' | 'report';
}) {
  const t = useT();
  const client = useQueryClient();
  const [form, setForm] = useState<Form>({
    symbol: kind === 'dispatch' ? 'UBND-VP' : 'BC-UBND',
    recipients: kind === 'dispatch' ? 'Các cơ quan, đơn vị trực thuộc' : directive.issuer,
    distribution: 'Như trên',
    drafter: 'VP',
    onBehalfOf: 'ỦY BAN NHÂN DÂN',
    authority: 'KT.',
    authorityOf: 'CHỦ TỊCH',
    title: 'PHÓ CHỦ TỊCH',
    name: '',
  });
  const [file, setFile] = useState<StoredFileRef | null>(null);
  const set = (key: keyof Form) => (event: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: event.currentTarget.value });
  const generate = useMutation({
    mutationFn: () =>
      api.post<StoredFileRef>(`/api/directives/${directive.id}/${kind}`, {
        symbol: form.symbol,
        recipients: lines(form.recipients),
        distribution: lines(form.distribution),
        drafter: form.drafter,
        signature: signature(form),
      }),
    onSuccess: async (stored) => {
      setFile(stored);
      await client.invalidateQueries({ queryKey: ['directives', directive.id] });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t(kind === 'dispatch' ? 'directives.composeDispatch' : 'directives.generateReport')}
      </Title>
      <Stack gap="xs">
        <Group grow>
          <TextInput label={t('directives.symbol')} value={form.symbol} onChange={set('symbol')} />
          <TextInput label={t('directives.drafter')} value={form.drafter} onChange={set('drafter')} />
        </Group>
        <Textarea
          label={t('directives.recipients')}
          description={t('directives.onePerLine')}
          autosize
          minRows={2}
          value={form.recipients}
          onChange={set('recipients')}
        />
        <Textarea
          label={t('directives.distribution')}
          description={t('directives.onePerLine')}
          autosize
          minRows={2}
          value={form.distribution}
          onChange={set('distribution')}
        />
        <Group grow>
          <TextInput label="TM." value={form.onBehalfOf} onChange={set('onBehalfOf')} />
          <TextInput label={t('directives.authority')} value={form.authority} onChange={set('authority')} />
          <TextInput
            label={t('directives.authorityOf')}
            value={form.authorityOf}
            onChange={set('authorityOf')}
          />
        </Group>
        <Group grow>
          <TextInput label={t('directives.signerTitle')} value={form.title} onChange={set('title')} />
          <TextInput
            label={t('directives.signerName')}
            value={form.name}
            onChange={set('name')}
            required
            data-testid={`${kind}-signer`}
          />
        </Group>
        {generate.error && <ErrorAlert error={generate.error} />}
        <Group>
          <Button
            onClick={() => generate.mutate()}
            loading={generate.isPending}
            disabled={!form.name.trim()}
            data-testid={`${kind}-generate`}
          >
            {t('directives.generate')}
          </Button>
          {file && <FileLink fileId={file.id} label={file.name} />}
        </Group>
      </Stack>
    </Paper>
  );
}
