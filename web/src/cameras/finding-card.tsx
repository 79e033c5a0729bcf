import { Badge, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { useLanguage, useT } from '../i18n/use-t';
import { AUDIT_CRITERIA, type AuditFinding, SEVERITY_COLORS } from './audit-types';

const STATE_COLORS: Record<string, string> = { new: 'red', open: 'orange', fixed: 'teal' };

/** What the audit sent and an excerpt of what came back (already cut and escaped by the engine). */
function Evidence({ finding }: { finding: AuditFinding }) {
  const t = useT();
  return (
    <Stack gap={6}>
      {finding.evidence.map((e) => (
        <Stack key={`${e.protocol}-${e.port}-${e.request}`} gap={2}>
          <Text size="xs" c="dimmed">
            {e.protocol.toUpperCase()} {e.address}:{e.port}
          </Text>
          <Text size="xs" fw={500}>
            {t('audits.request')}
          </Text>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {e.request}
          </Code>
          <Text size="xs" fw={500}>
            {t('audits.response')}
          </Text>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {e.response || '—'}
          </Code>
        </Stack>
      ))}
    </Stack>
  );
}

/** One finding: what is wrong, where, the criteria it breaks, the remedy, and the evidence. */
export function FindingCard({ finding }: { finding: AuditFinding }) {
  const t = useT();
  const { lang } = useLanguage();
  const criterion = (id: string) => AUDIT_CRITERIA[id as keyof typeof AUDIT_CRITERIA]?.[lang] ?? id;
  return (
    <Paper withBorder p="sm" data-testid="audit-finding" data-finding-key={finding.findingKey}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Badge color={SEVERITY_COLORS[finding.severity] ?? 'gray'}>
            {t(`audits.severity.${finding.severity}` as 'audits.severity.high')}
          </Badge>
          <Badge variant="light" color={STATE_COLORS[finding.state]}>
            {t(`audits.state.${finding.state}` as 'audits.state.new')}
          </Badge>
          <Badge variant="outline" color="gray">
            {t(`audits.confidence.${finding.confidence}` as 'audits.confidence.confirmed')}
          </Badge>
          <Text size="sm" fw={600}>
            {finding.title[lang]}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" ff="monospace">
          {finding.address}
          {finding.port ? `:${finding.port}` : ''} · {finding.findingKey}
          {finding.cve
            ? ` · CVSS ${finding.cve.cvss ?? '?'}${finding.cve.kev ? ` · KEV ${finding.cve.kev}` : ''}`
            : ''}
        </Text>
        <div>
          <Text size="xs" fw={500}>
            {t('audits.criteria')}
          </Text>
          {finding.criteria.map((c) => (
            <Text size="xs" key={c}>
              {c}: {criterion(c)}
            </Text>
          ))}
        </div>
        <div>
          <Text size="xs" fw={500}>
            {t('audits.remedy')}
          </Text>
          <Text size="sm">{finding.remedy[lang]}</Text>
        </div>
        <details>
          <summary>
            <Text span size="xs" fw={500}>
              {t('audits.evidence')}
            </Text>
          </summary>
          <Evidence finding={finding} />
        </details>
      </Stack>
    </Paper>
  );
}

/** Findings grouped new / still open / fixed, each group with its count. */
export function FindingGroups({ findings }: { findings: AuditFinding[] }) {
  const t = useT();
  return (
    <Stack gap="md">
      {(['new', 'open', 'fixed'] as const).map((state) => {
        const group = findings.filter((f) => f.state === state);
        return (
          <Stack key={state} gap="xs" data-testid={`findings-${state}`}>
            <Text fw={600}>
              {t(`audits.group.${state}` as 'audits.group.new')} ({group.length})
            </Text>
            {group.length === 0 && (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
            {group.map((f) => (
              <FindingCard key={f.id} finding={f} />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
