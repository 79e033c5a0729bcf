import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { useSession } from '../auth/session';
import type { Host, HostCreate, HostCriticality, HostUpdate } from '../contract-types';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';
import { ARCHITECTURE_OPTIONS, CRITICALITIES } from './host-format';

type TextValues = Record<(typeof TEXT_FIELDS)[number], string>;
const TEXT_FIELDS = [
  'hostname',
  'domain',
  'owner',
  'location',
  'productName',
  'editionId',
  'displayVersion',
  'installationType',
  'officeC2rVersion',
  'officeC2rChannel',
  'exchangeVersion',
] as const;

function initialText(host: Host | undefined): TextValues {
  return Object.fromEntries(TEXT_FIELDS.map((k) => [k, host?.[k] ?? ''])) as TextValues;
}

const orNull = (value: string) => value.trim() || null;

function changedFields<T extends Record<string, unknown>>(host: Host, fields: T): Partial<T> {
  const before = host as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key] ?? null),
    ),
  ) as Partial<T>;
}
const numberOrNull = (value: string | number) => (value === '' ? null : Number(value));

/** Adds a host by hand or changes one: people's fields (owner, place, criticality) and, for hosts no collector reports, the OS facts. */
export function HostFormModal({ host, onClose }: { host?: Host; onClose: () => void }) {
  const t = useT();
  const me = useSession();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(host?.unitId ?? me.user.unitId);
  const [text, setText] = useState<TextValues>(() => initialText(host));
  const [ips, setIps] = useState((host?.ips ?? []).join(', '));
  const [build, setBuild] = useState<string | number>(host?.build ?? '');
  const [ubr, setUbr] = useState<string | number>(host?.ubr ?? '');
  const [architecture, setArchitecture] = useState<string | null>(host?.architecture ?? null);
  const [criticality, setCriticality] = useState<HostCriticality>(host?.criticality ?? 'medium');
  const save = useMutation({
    mutationFn: () => {
      const fields = {
        domain: orNull(text.domain),
        owner: orNull(text.owner),
        location: orNull(text.location),
        productName: orNull(text.productName),
        editionId: orNull(text.editionId),
        displayVersion: orNull(text.displayVersion),
        installationType: orNull(text.installationType),
        officeC2rVersion: orNull(text.officeC2rVersion),
        officeC2rChannel: orNull(text.officeC2rChannel),
        exchangeVersion: orNull(text.exchangeVersion),
        build: numberOrNull(build),
        ubr: numberOrNull(ubr),
        architecture: architecture as HostUpdate['architecture'],
        ips: ips.split(/[\s,;]+/).filter(Boolean),
        criticality,
      };
      if (host) {
        // Only what the person changed: the collector's facts stay untouched unless edited on purpose.
        const body = changedFields(host, { hostname: text.hostname.trim(), ...fields });
        return api.patch<Host>(`/api/hosts/${host.id}`, body satisfies HostUpdate);
      }
      const body = { unitId: unitId ?? '', hostname: text.hostname.trim(), ...fields };
      return api.post<Host>('/api/hosts', body satisfies HostCreate);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['hosts'] });
      onClose();
    },
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError ? save.error.fieldMessage(name) : undefined;
  const input = (name: (typeof TEXT_FIELDS)[number], label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={text[name]}
      error={fieldError(name)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setText((current) => ({ ...current, [name]: value }));
      }}
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={host ? t('hosts.editTitle', { name: host.hostname }) : t('hosts.create')}
      size="xl"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('hostname', t('hosts.hostname'), true)}
            {host ? (
              input('domain', t('hosts.domain'))
            ) : (
              <UnitSelect
                label={t('hosts.unit')}
                required
                value={unitId}
                onChange={setUnitId}
                error={fieldError('unitId')}
              />
            )}
            {input('owner', t('hosts.owner'))}
            {input('location', t('hosts.location'))}
            <Select
              label={t('hosts.criticality')}
              allowDeselect={false}
              value={criticality}
              data={CRITICALITIES.map((c) => ({ value: c, label: t(`hosts.criticality.${c}`) }))}
              onChange={(value) => value && setCriticality(value as HostCriticality)}
            />
            <TextInput
              label={t('hosts.ips')}
              description={t('hosts.ipsHint')}
              value={ips}
              error={fieldError('ips')}
              onChange={(event) => setIps(event.currentTarget.value)}
            />
            {!host && input('domain', t('hosts.domain'))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {input('productName', t('hosts.productName'))}
            {input('displayVersion', t('hosts.displayVersion'))}
            {input('editionId', t('hosts.edition'))}
            <NumberInput
              label={t('hosts.build')}
              value={build}
              onChange={setBuild}
              error={fieldError('build')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
            />
            <NumberInput
              label={t('hosts.ubr')}
              value={ubr}
              onChange={setUbr}
              error={fieldError('ubr')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
            />
            <Select
              label={t('hosts.architecture')}
              clearable
              value={architecture}
              data={ARCHITECTURE_OPTIONS}
              onChange={setArchitecture}
            />
            {input('installationType', t('hosts.installationType'))}
            {input('officeC2rVersion', t('hosts.officeC2rVersion'))}
            {input('officeC2rChannel', t('hosts.officeC2rChannel'))}
            {input('exchangeVersion', t('hosts.exchangeVersion'))}
          </SimpleGrid>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {host ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
