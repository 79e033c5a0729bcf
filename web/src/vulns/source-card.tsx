import { Anchor, Button, Card, Code, Collapse, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SourceRecord, VulnerabilityDetail } from '../contract-types';
import type { Translate } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-t';
import { FactRow } from '../ui/fact-row';
import { formatDateTime } from '../ui/format';
import { MsrcRemediations } from './msrc-remediations';
import { SourceBadge, severityLabelKey } from './vuln-format';

type Entry = VulnerabilityDetail['sources'][number];
const REFERENCES_SHOWN = 5;

const unique = (values: string[]) => [...new Set(values)].join(', ');
function yesNo(value: boolean | undefined, t: Translate): string | null {
  return value === undefined ? null : value ? t('common.yes') : t('common.no');
}

function KevFacts({ kev }: { kev: NonNullable<SourceRecord['kev']> }) {
  const t = useT();
  return (
    <>
      <FactRow optional label={t('kev.product')}>{`${kev.vendorProject} ${kev.product}`}</FactRow>
      <FactRow optional label={t('vulns.kevDateAdded')}>
        {kev.dateAdded}
      </FactRow>
      <FactRow optional label={t('vulns.kevDueDate')}>
        <Text span size="sm" fw={600} ff="monospace">
          {kev.dueDate}
        </Text>
      </FactRow>
      <FactRow optional label={t('kev.requiredAction')}>
        {kev.requiredAction}
      </FactRow>
      <FactRow optional label={t('vulns.ransomware')}>
        {yesNo(kev.knownRansomware, t)}
      </FactRow>
    </>
  );
}

/** What one source says about the CVE: its key facts, MSRC's fixes, and the stored record itself. */
export function SourceCard({ entry }: { entry: Entry }) {
  const t = useT();
  const { lang } = useLanguage();
  const [raw, setRaw] = useState(false);
  const record = (entry.record ?? {}) as SourceRecord;
  const msrc = entry.source === 'msrc-cvrf' || entry.source === 'msrc-csaf';
  const affected = record.affected ?? [];
  const references = record.references ?? [];
  const translated = (value: string) => {
    const key = severityLabelKey(value);
    return key ? t(key) : value;
  };
  const cvss = (record.cvss ?? []).map((c) => `${c.baseScore.toFixed(1)} (CVSS ${c.version}, ${c.source})`);
  return (
    <Card withBorder radius="md" data-source={entry.source}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <SourceBadge source={entry.source} />
          <Text size="sm" c="dimmed" ff="monospace">
            {entry.documentId}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('vulns.sourceUpdated', { at: formatDateTime(entry.updatedAt, lang) })}
        </Text>
      </Group>
      <Stack gap={6}>
        <FactRow optional label={t('vulns.titleLabel')}>
          {record.title}
        </FactRow>
        <FactRow optional label={t('vulns.severityLabel')}>
          {unique((record.severities ?? []).map((s) => translated(s.value)))}
        </FactRow>
        <FactRow optional label={t('vulns.impact')}>
          {unique((record.impacts ?? []).map((s) => s.value))}
        </FactRow>
        <FactRow optional label="CVSS">
          {cvss.length > 0 && unique(cvss)}
        </FactRow>
        <FactRow optional label={t('vulns.exploitation')}>
          {yesNo(record.exploited, t)}
        </FactRow>
        <FactRow optional label={t('vulns.publiclyDisclosed')}>
          {yesNo(record.publiclyDisclosed, t)}
        </FactRow>
        <FactRow optional label="CWE">
          {unique(record.cwes ?? [])}
        </FactRow>
        {record.kev && <KevFacts kev={record.kev} />}
        {affected.length > 0 && (
          <FactRow optional label={t('vulns.affectedCount')}>
            {String(affected.length)}
          </FactRow>
        )}
        {(record.configurations ?? []).length > 0 && (
          <FactRow optional label={t('vulns.configurations')}>
            {String(record.configurations.length)}
          </FactRow>
        )}
        {!msrc && affected.length > 0 && (
          <FactRow optional label={t('vulns.affectedProducts')}>
            {unique(
              affected
                .slice(0, 6)
                .map((a) => [a.vendor, a.product ?? a.cpe ?? a.productId].filter(Boolean).join(' ')),
            )}
          </FactRow>
        )}
        {references.length > 0 && (
          <FactRow optional label={t('vulns.references', { count: references.length })}>
            <Stack gap={0} align="flex-end">
              {references.slice(0, REFERENCES_SHOWN).map((url) => (
                <Anchor
                  key={url}
                  href={url}
                  target="_blank"
                  rel="noreferrer"
                  size="xs"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {url}
                </Anchor>
              ))}
            </Stack>
          </FactRow>
        )}
      </Stack>
      {msrc && (record.remediations ?? []).length > 0 && (
        <Stack gap={4} mt="md">
          <Text fw={600} size="sm">
            {t('msrc.remediations')}
          </Text>
          <MsrcRemediations record={record} />
        </Stack>
      )}
      <Button
        variant="subtle"
        size="compact-sm"
        mt="sm"
        w="fit-content"
        onClick={() => setRaw((v) => !v)}
        aria-expanded={raw}
      >
        {raw ? t('vulns.hideRaw') : t('vulns.showRaw')}
      </Button>
      <Collapse expanded={raw} keepMounted={false}>
        <Code block mt="xs" mah={480} style={{ overflow: 'auto' }}>
          {raw ? JSON.stringify(entry.record, null, 2) : ''}
        </Code>
      </Collapse>
    </Card>
  );
}
