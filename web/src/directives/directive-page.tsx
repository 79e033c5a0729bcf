import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { formatDate } from '../ui/format';
import { PageHeader } from '../ui/page-header';
import { AssignForm } from './assign-form';
import { DocumentForm, FileLink } from './document-forms';
import { MatrixTable } from './matrix-table';
import { DIRECTIVE_WRITERS, type DirectiveDetail } from './types';

/** One directive: its facts and files, its tasks and who has them, the matrix, and the two documents. */
export function DirectivePage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const detail = useQuery({
    queryKey: ['directives', id, 'detail'],
    queryFn: () => api.get<DirectiveDetail>(`/api/directives/${id}`),
  });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const d = detail.data;
  if (!d) return null;
  const writer = (DIRECTIVE_WRITERS as readonly string[]).includes(me.user.role);
  return (
    <Stack>
      <BackLink to="/directives" label={t('directives.back')} />
      <PageHeader title={d.subject} intro={`${d.number} · ${d.issuer} · ${formatDate(d.issuedOn, lang)}`} />
      <Group>
        <FileLink fileId={d.documentFileId} label={t('directives.documentFile')} />
        <FileLink fileId={d.dispatchFileId} label={t('directives.dispatchFile')} />
        <FileLink fileId={d.reportFileId} label={t('directives.reportFile')} />
      </Group>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('directives.tasks')}
        </Title>
        <Stack gap="sm">
          {d.tasks.map((task) => (
            <div key={task.id}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>
                <b>{task.position}.</b> {task.text}
              </Text>
              <Group gap={4}>
                {task.evidenceKind && (
                  <Badge variant="light">{t(`directives.evidence.${task.evidenceKind}`)}</Badge>
                )}
                {task.assignments.map((a) => (
                  <Badge key={a.id} variant="outline" color="gray">
                    {a.unitName} · {formatDate(a.deadline, lang)}
                  </Badge>
                ))}
              </Group>
            </div>
          ))}
        </Stack>
      </Paper>
      {writer && d.tasks.length > 0 && <AssignForm directive={d} />}
      <MatrixTable directiveId={d.id} />
      {writer && d.tasks.length > 0 && <DocumentForm directive={d} kind="dispatch" />}
      {writer && d.tasks.length > 0 && <DocumentForm directive={d} kind="report" />}
    </Stack>
  );
}
