import { Badge, Card, Group, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { HostDetail } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';

/** Installed programs, filtered here in the browser (a host lists at most 10,000). */
export function HostPrograms({ software }: { software: HostDetail['software'] }) {
  const t = useT();
  const [filter, setFilter] = useState('');
  // The position in the host's list is the row's identity: two entries may share name and version
  // (the 64- and 32-bit Uninstall keys), and filtering must not reuse another row's key.
  const rows = useMemo(() => software.map((program, position) => ({ ...program, position })), [software]);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return rows;
    return rows.filter((p) =>
      [p.name, p.version, p.publisher].some((v) => v?.toLowerCase().includes(needle)),
    );
  }, [rows, filter]);
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{t('hosts.programs', { count: software.length })}</Text>
        <TextInput
          placeholder={t('hosts.programsFilter')}
          aria-label={t('hosts.programsFilter')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          w={280}
        />
      </Group>
      <ScrollArea.Autosize mah={420}>
        <Table striped verticalSpacing={4} stickyHeader aria-label={t('hosts.programsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hosts.programName')}</Table.Th>
              <Table.Th>{t('hosts.programVersion')}</Table.Th>
              <Table.Th>{t('hosts.programPublisher')}</Table.Th>
              <Table.Th>{t('hosts.programInstalled')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={p.position}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td ff="monospace">{p.version ?? '—'}</Table.Td>
                <Table.Td>{p.publisher ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.installDate ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" ta="center" size="sm" py="sm">
                    {t('common.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Card>
  );
}

export function HostHotfixes({ hotfixes }: { hotfixes: HostDetail['hotfixes'] }) {
  const t = useT();
  return (
    <Card withBorder radius="md">
      <Text fw={600} mb="sm">
        {t('hosts.hotfixes', { count: hotfixes.length })}
      </Text>
      {hotfixes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('common.empty')}
        </Text>
      ) : (
        <Group gap={6}>
          {hotfixes.map((h) => (
            <Badge key={h.kb} variant="light" color="gray" tt="none" title={h.installedOn ?? undefined}>
              {h.kb}
              {h.installedOn ? ` · ${h.installedOn}` : ''}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}

export function HostHistory({ snapshots }: { snapshots: HostDetail['snapshots'] }) {
  const t = useT();
  const { lang } = useLanguage();
  return (
    <Card withBorder radius="md">
      <Text fw={600} mb="sm">
        {t('hosts.history')}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('hosts.historyHint')}
      </Text>
      <Table verticalSpacing={4} aria-label={t('hosts.history')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('hosts.collectedAt')}</Table.Th>
            <Table.Th>{t('hosts.importedAt')}</Table.Th>
            <Table.Th>{t('hosts.source')}</Table.Th>
            <Table.Th>{t('hosts.contentHash')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {snapshots.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{formatDateTime(s.collectedAt, lang)}</Table.Td>
              <Table.Td>{formatDateTime(s.importedAt, lang)}</Table.Td>
              <Table.Td>{t(`hosts.source.${s.source}`)}</Table.Td>
              <Table.Td ff="monospace" title={s.contentHash}>
                {s.contentHash.slice(0, 12)}
              </Table.Td>
            </Table.Tr>
          ))}
          {snapshots.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" ta="center" size="sm" py="sm">
                  {t('common.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
