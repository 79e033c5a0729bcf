import { Button, FileInput, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';
import { type Directive, fileToUpload } from './types';

type Draft = {
  number: string;
  issuer: string;
  issuedOn: string;
  subject: string;
  deadline: string;
  text: string;
};

/** Registers an incoming directive: its facts, its file, and its tasks proposed from the text then edited. */
export function RegisterModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(me.user.unitId);
  const [draft, setDraft] = useState<Draft>({
    number: '',
    issuer: '',
    issuedOn: '',
    subject: '',
    deadline: '',
    text: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const [tasks, setTasks] = useState<string[]>([]);
  const set = (key: keyof Draft) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [key]: event.currentTarget.value });
  const propose = useMutation({
    mutationFn: () =>
      api.post<{ tasks: { text: string }[] }>('/api/directives/split-tasks', { text: draft.text }),
    onSuccess: (result) => setTasks(result.tasks.map((task) => task.text)),
  });
  const save = useMutation({
    mutationFn: async () =>
      api.post<Directive>('/api/directives', {
        unitId,
        number: draft.number,
        issuer: draft.issuer,
        issuedOn: draft.issuedOn,
        subject: draft.subject,
        deadline: draft.deadline || null,
        sourceText: draft.text || null,
        document: file ? await fileToUpload(file) : undefined,
        tasks: tasks.filter((task) => task.trim()).map((text) => ({ text })),
      }),
    onSuccess: async (directive) => {
      await client.invalidateQueries({ queryKey: ['directives'] });
      navigate(`/directives/${directive.id}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('directives.register')} size="xl">
      <Stack>
        {/* Prefilled with the officer's unit: choosing it again must not clear it (Mantine deselects by default). */}
        <UnitSelect
          label={t('directives.receivingUnit')}
          value={unitId}
          onChange={setUnitId}
          required
          allowDeselect={false}
        />
        <Group grow>
          <TextInput
            label={t('directives.number')}
            placeholder="285/STTTT-CNBCVT"
            value={draft.number}
            onChange={set('number')}
            required
          />
          <TextInput label={t('directives.issuer')} value={draft.issuer} onChange={set('issuer')} required />
        </Group>
        <Group grow>
          <TextInput
            type="date"
            label={t('directives.issuedOn')}
            value={draft.issuedOn}
            onChange={set('issuedOn')}
            required
          />
          <TextInput
            type="date"
            label={t('directives.deadline')}
            value={draft.deadline}
            onChange={set('deadline')}
          />
        </Group>
        <TextInput label={t('directives.subject')} value={draft.subject} onChange={set('subject')} required />
        <FileInput
          label={t('directives.file')}
          description={t('directives.fileHint')}
          value={file}
          onChange={setFile}
          accept=".pdf,.docx,.png,.jpg,.jpeg"
          clearable
        />
        <Textarea
          label={t('directives.text')}
          autosize
          minRows={3}
          maxRows={10}
          value={draft.text}
          onChange={set('text')}
        />
        <Group>
          <Button
            variant="light"
            onClick={() => propose.mutate()}
            loading={propose.isPending}
            disabled={!draft.text.trim()}
          >
            {t('directives.proposeTasks')}
          </Button>
          <Button variant="subtle" onClick={() => setTasks([...tasks, ''])}>
            {t('directives.addTask')}
          </Button>
        </Group>
        {tasks.map((task, index) => (
          <Textarea
            // biome-ignore lint/suspicious/noArrayIndexKey: tasks are edited in place and have no id yet.
            key={index}
            label={t('directives.taskNumber', { n: index + 1 })}
            autosize
            minRows={2}
            value={task}
            onChange={(event) =>
              setTasks(tasks.map((old, i) => (i === index ? event.currentTarget.value : old)))
            }
          />
        ))}
        {(save.error || propose.error) && <ErrorAlert error={save.error ?? propose.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('directives.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
