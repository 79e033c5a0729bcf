import { Alert, Badge, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ErrorAlert } from '../ui/error-alert';
import { PageHeader } from '../ui/page-header';
import { RulesBacktest } from './rules-backtest';
import type { RuleDetail, RuleRow, Validation } from './rules-types';

const TEMPLATE = `title: 
id: ${typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : ''}
status: experimental
author: 
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
  condition: selection
level: medium
`;

/** Write or edit a rule: checked as you go (the reason of each problem in your language), then saved. */
export function RulesEditorPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { id } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const isNew = !id || id === 'new';
  const stored = useQuery({
    queryKey: ['sigma-rules', 'detail', id],
    queryFn: () => api.get<RuleDetail>(`/api/sigma-rules/${id}`),
    enabled: !isNew,
  });
  const [yaml, setYaml] = useState(isNew ? TEMPLATE : '');
  useEffect(() => {
    if (stored.data) setYaml(stored.data.yaml);
  }, [stored.data]);
  const check = useMutation({
    mutationFn: (text: string) => api.post<Validation>('/api/sigma-rules/validate', { yaml: text }),
  });
  const { mutate: validate } = check;
  // Checked half a second after the last keystroke; nothing is saved.
  useEffect(() => {
    if (!yaml.trim()) return;
    const timer = setTimeout(() => validate(yaml), 500);
    return () => clearTimeout(timer);
  }, [yaml, validate]);
  const save = useMutation({
    mutationFn: () =>
      isNew
        ? api.post<RuleRow>('/api/sigma-rules', { yaml })
        : api.put<RuleRow>(`/api/sigma-rules/${id}`, { yaml }),
    onSuccess: (row) => {
      void client.invalidateQueries({ queryKey: ['sigma-rules'] });
      if (isNew) navigate(`/monitoring/rules/${row.id}`);
    },
  });
  const result = check.data;
  const meta = stored.data;
  return (
    <Stack>
      <BackLink to="/monitoring/rules" label={t('rules.title')} />
      <PageHeader title={isNew ? t('rules.new') : (meta?.title ?? t('rules.edit'))} />
      {meta && (
        <Text size="sm">
          {t('rules.authorLicense', { author: meta.author, license: meta.license })} · {meta.ruleId} ·{' '}
          {meta.fileName}
        </Text>
      )}
      {stored.error && <ErrorAlert error={stored.error} />}
      <Textarea
        label={t('rules.yaml')}
        autosize
        minRows={16}
        value={yaml}
        readOnly={user.role !== 'admin'}
        onChange={(e) => setYaml(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
        spellCheck={false}
      />
      {result?.ok && (
        <Alert color="teal" title={t('rules.valid')}>
          {result.rules.map((r) => (
            <Text key={`${r.kind}-${r.id}`} size="sm">
              <Badge size="xs" mr={4}>
                {r.kind}
              </Badge>
              {r.title} · {t('rules.authorLicense', { author: r.author, license: r.license })}
            </Text>
          ))}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" title={t('rules.problems')} data-testid="rule-problems">
          <List size="sm">
            {result.problems.map((p) => (
              <List.Item key={`${p.document}-${p.reason}-${p.detail}`}>
                {p.label[lang]}: {p.detail}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {save.error && <ErrorAlert error={save.error} />}
      {user.role === 'admin' && (
        <Group>
          <Button variant="light" onClick={() => validate(yaml)}>
            {t('rules.validate')}
          </Button>
          <Button disabled={!result?.ok} loading={save.isPending} onClick={() => save.mutate()}>
            {t('rules.save')}
          </Button>
          {save.isSuccess && !isNew && <Text size="sm">{t('rules.saved')}</Text>}
        </Group>
      )}
      {(user.role === 'admin' || user.role === 'unit_officer') && <RulesBacktest yaml={yaml} />}
    </Stack>
  );
}
