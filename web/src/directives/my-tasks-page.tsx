import { Badge, Button, FileInput, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { formatDate, formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import {
  ANSWER_STATUSES,
  type AnswerStatus,
  type Evidence,
  fileToUpload,
  TASK_ANSWERERS,
  type UnitTask,
} from './types';

function EvidenceLine({ taskId }: { taskId: string }) {
  const evidence = useQuery({
    queryKey: ['directive-tasks', taskId, 'evidence'],
    queryFn: () => api.get<{ evidence: Evidence | null }>(`/api/directive-tasks/${taskId}/evidence`),
  });
  const found = evidence.data?.evidence;
  if (!found) return null;
  return (
    <Text size="sm" c={found.state === 'live' ? undefined : 'dimmed'}>
      {found.title}: {found.units.map((u) => u.summary).join('; ')}
    </Text>
  );
}

function AnswerForm({ task }: { task: UnitTask }) {
  const t = useT();
  const client = useQueryClient();
  const [status, setStatus] = useState<AnswerStatus>(
    task.status === 'not_started' ? 'in_progress' : task.status,
  );
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const answer = useMutation({
    mutationFn: async () =>
      api.post(`/api/directive-tasks/${task.id}/answers`, {
        status,
        text: text || null,
        reason: reason || null,
        files: await Promise.all(files.map(fileToUpload)),
      }),
    onSuccess: async () => {
      setText('');
      setReason('');
      setFiles([]);
      await client.invalidateQueries({ queryKey: ['directive-tasks'] });
    },
  });
  return (
    <Stack gap="xs">
      <Group grow align="start">
        <Select
          label={t('directives.status')}
          data={ANSWER_STATUSES.map((s) => ({ value: s, label: t(`directives.status.${s}`) }))}
          value={status}
          onChange={(value) => value && setStatus(value as AnswerStatus)}
          allowDeselect={false}
          data-testid="answer-status"
        />
        <FileInput label={t('directives.answerFiles')} multiple value={files} onChange={setFiles} clearable />
      </Group>
      <Textarea
        label={t('directives.answerText')}
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="answer-text"
      />
      {status === 'cannot_do' && (
        <Textarea
          label={t('directives.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      {answer.error && <ErrorAlert error={answer.error} />}
      <Group>
        <Button onClick={() => answer.mutate()} loading={answer.isPending} data-testid="answer-send">
          {t('directives.sendAnswer')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The tasks handed to the caller's unit: deadline, evidence, the answers so far, and a new answer. */
export function MyTasksPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const tasks = useQuery({
    queryKey: ['directive-tasks', 'mine'],
    queryFn: () => api.get<{ items: UnitTask[] }>('/api/directive-tasks'),
  });
  const canAnswer = (TASK_ANSWERERS as readonly string[]).includes(me.user.role);
  return (
    <>
      <PageHeader title={t('directives.myTasks')} intro={t('directives.myTasksIntro')} />
      {tasks.error && <ErrorAlert error={tasks.error} />}
      {tasks.data?.items.length === 0 && <Text c="dimmed">{t('directives.noTasks')}</Text>}
      <Stack>
        {tasks.data?.items.map((task) => (
          <Paper key={task.id} withBorder p="md" data-testid="my-task">
            <Group justify="space-between">
              <Title order={3} size="h5">
                {task.directiveNumber} · {t('directives.taskNumber', { n: task.position })}
              </Title>
              <Group gap={4}>
                <Badge color={task.overdue ? 'red' : 'gray'}>{formatDate(task.deadline, lang)}</Badge>
                <Badge>{t(`directives.status.${task.status}`)}</Badge>
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              {task.unitName} · {task.directiveSubject}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }} my="xs">
              {task.text}
            </Text>
            <EvidenceLine taskId={task.id} />
            {task.answers.map((answer) => (
              <Text key={answer.id} size="sm">
                {formatDateTime(answer.createdAt, lang)} · {t(`directives.status.${answer.status}`)}
                {answer.text ? ` · ${answer.text}` : ''}
                {answer.reason ? ` · ${answer.reason}` : ''}
                {answer.fileIds.length > 0
                  ? ` · ${t('directives.fileCount', { n: answer.fileIds.length })}`
                  : ''}
              </Text>
            ))}
            {canAnswer && <AnswerForm task={task} />}
          </Paper>
        ))}
      </Stack>
    </>
  );
}
