import { Anchor, Badge, Group, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import type { SourceRecord } from '../contract-types';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';

type Remediation = SourceRecord['remediations'][number];

const LINE_LABELS: Record<Remediation['line'], MessageKey> = {
  security_update: 'msrc.line.security_update',
  monthly_rollup: 'msrc.line.monthly_rollup',
  security_only: 'msrc.line.security_only',
  hotpatch: 'msrc.line.hotpatch',
  ie_cumulative: 'msrc.line.ie_cumulative',
  click_to_run: 'msrc.line.click_to_run',
  release_notes: 'msrc.line.release_notes',
  other: 'msrc.line.other',
};

function ProductsCell({ ids, names }: { ids: string[]; names: Map<string, string> }) {
  const t = useT();
  const labels = ids.map((id) => names.get(id) ?? id);
  const [first] = labels;
  if (!first) return <Text size="xs">—</Text>;
  const text = labels.length > 1 ? t('msrc.productsMore', { first, count: labels.length - 1 }) : first;
  return (
    <Tooltip
      label={labels.join('\n')}
      multiline
      maw={420}
      style={{ whiteSpace: 'pre-line' }}
      disabled={labels.length < 2}
    >
      <Text size="xs" maw={320}>
        {text}
      </Text>
    </Tooltip>
  );
}

/** MSRC's fixes per product line: which KB, on which servicing line, to which build, replacing what. */
export function MsrcRemediations({ record }: { record: SourceRecord }) {
  const t = useT();
  const names = new Map((record.affected ?? []).map((a) => [a.productId, a.product ?? a.productId]));
  // MSRC lists one KB per product group, so neither KB nor line is unique: the position is the identity.
  const fixes = (record.remediations ?? [])
    .map((fix, position) => ({ ...fix, position }))
    .filter((r) => r.kind === 'vendor_fix');
  if (fixes.length === 0) return null;
  return (
    <ScrollArea.Autosize mah={360}>
      <Table striped verticalSpacing={4} stickyHeader aria-label={t('msrc.remediations')} miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>KB</Table.Th>
            <Table.Th>{t('msrc.line')}</Table.Th>
            <Table.Th>{t('msrc.fixedBuild')}</Table.Th>
            <Table.Th>{t('msrc.supersedes')}</Table.Th>
            <Table.Th>{t('msrc.products')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fixes.map((fix) => (
            <Table.Tr key={fix.position}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {fix.kb && fix.url ? (
                  <Anchor href={fix.url} target="_blank" rel="noreferrer" size="sm" ff="monospace">
                    {fix.kb}
                  </Anchor>
                ) : (
                  <Text size="sm" ff="monospace">
                    {fix.kb ?? fix.description ?? '—'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={fix.line === 'hotpatch' ? 'grape' : 'gray'} tt="none">
                  {t(LINE_LABELS[fix.line] ?? 'msrc.line.other')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} maw={220}>
                  {fix.fixedBuild ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {(fix.supersedes ?? []).length === 0
                    ? '—'
                    : fix.supersedes?.map((kb) => (
                        <Text key={kb} size="sm" ff="monospace">
                          {kb}
                        </Text>
                      ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <ProductsCell ids={fix.productIds ?? []} names={names} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
