import { Anchor, Badge, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Host, HostCriticality, Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { UnitSelect } from '../ui/unit-select';
import { useUnitName } from '../units/use-units';
import { CollectorModal } from './collector-modal';
import { HostFormModal } from './host-form-modal';
import { CRITICALITIES, CriticalityBadge, osBuild, osName } from './host-format';
import { ImportModal } from './import-modal';

const PAGE_SIZE = 50;

/** A NumberInput's value as a whole number, or undefined when empty or not a number. */
function wholeNumber(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function HostsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const unitName = useUnitName();
  const canManage = can(me.user.role, 'manageInventory');
  const [page, setPage] = useState(1);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [build, setBuild] = useState<string | number>('');
  const [staleDays, setStaleDays] = useState<string | number>('');
  const [criticality, setCriticality] = useState<HostCriticality | null>(null);
  const [typed] = useDebouncedValue({ q: search.trim(), build, staleDays }, 300);
  const [dialog, setDialog] = useState<'import' | 'create' | 'collector' | null>(null);

  const filters = {
    unitId,
    q: typed.q,
    build: wholeNumber(typed.build),
    staleDays: wholeNumber(typed.staleDays) || undefined,
    criticality,
    page,
    pageSize: PAGE_SIZE,
  };
  const hosts = useQuery({
    queryKey: ['hosts', 'list', filters],
    queryFn: () => api.get<Page<Host>>('/api/hosts', filters),
    placeholderData: keepPreviousData,
  });
  const refilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  const columns: Column<Host>[] = [
    {
      key: 'hostname',
      header: t('hosts.hostname'),
      render: (h) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/inventory/hosts/${h.id}`} fw={600} size="sm">
            {h.hostname}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[h.domain, h.ips.slice(0, 2).join(', ')].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      ),
    },
    { key: 'unit', header: t('hosts.unit'), render: (h) => unitName(h.unitId) },
    {
      key: 'os',
      header: t('hosts.os'),
      render: (h) => (
        <Stack gap={0}>
          <Text size="sm">{osName(h) ?? '—'}</Text>
          {osBuild(h) && (
            <Text size="xs" c="dimmed" ff="monospace">
              {t('hosts.buildValue', { build: osBuild(h) ?? '' })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'inventory',
      header: t('hosts.lastInventory'),
      render: (h) =>
        h.lastInventoryAt ? (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(h.lastInventoryAt, lang)}
          </Text>
        ) : (
          <Badge variant="light" color="gray">
            {t('hosts.never')}
          </Badge>
        ),
    },
    {
      key: 'owner',
      header: t('hosts.owner'),
      render: (h) => (
        <Stack gap={0}>
          <Text size="sm">{h.owner ?? '—'}</Text>
          {h.location && (
            <Text size="xs" c="dimmed">
              {h.location}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'criticality',
      header: t('hosts.criticality'),
      render: (h) => <CriticalityBadge value={h.criticality} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('hosts.title')}
        intro={t('hosts.intro')}
        actions={
          canManage && (
            <>
              <Button
                variant="default"
                leftSection={<Icon name="download" size={16} />}
                onClick={() => setDialog('collector')}
              >
                {t('collector.download')}
              </Button>
              <Button
                variant="light"
                leftSection={<Icon name="upload" size={16} />}
                onClick={() => setDialog('import')}
              >
                {t('inventoryImport.open')}
              </Button>
              <Button leftSection={<Icon name="plus" size={16} />} onClick={() => setDialog('create')}>
                {t('hosts.create')}
              </Button>
            </>
          )
        }
      />
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label={t('hosts.search')}
          value={search}
          onChange={(event) => refilter(setSearch)(event.currentTarget.value)}
          w={240}
        />
        <UnitSelect
          label={t('hosts.unit')}
          placeholder={t('common.all')}
          clearable
          value={unitId}
          onChange={refilter(setUnitId)}
          w={240}
        />
        <NumberInput
          label={t('hosts.buildFilter')}
          value={build}
          onChange={refilter(setBuild)}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          w={130}
        />
        <NumberInput
          label={t('hosts.staleDays')}
          value={staleDays}
          onChange={refilter(setStaleDays)}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          w={190}
        />
        <Select
          label={t('hosts.criticality')}
          placeholder={t('common.all')}
          clearable
          value={criticality}
          data={CRITICALITIES.map((c) => ({ value: c, label: t(`hosts.criticality.${c}`) }))}
          onChange={(value) => refilter(setCriticality)(value as HostCriticality | null)}
          w={160}
        />
      </Group>
      <ServerTable
        columns={columns}
        query={hosts}
        rowKey={(h) => h.id}
        onPageChange={setPage}
        label={t('hosts.title')}
        minWidth={960}
      />
      {dialog === 'import' && <ImportModal onClose={() => setDialog(null)} />}
      {dialog === 'create' && <HostFormModal onClose={() => setDialog(null)} />}
      <CollectorModal opened={dialog === 'collector'} onClose={() => setDialog(null)} />
    </>
  );
}
