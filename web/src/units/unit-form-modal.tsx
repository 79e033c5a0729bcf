import {
  Autocomplete,
  Button,
  Fieldset,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { ApiError, api } from '../api';
import type { Unit, UnitCreate, UnitUpdate } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { UnitSelect } from '../ui/unit-select';
import { subtreeOf } from './unit-tree';
import { UNITS_KEY, unitLabel } from './use-units';

type UnitKind = Unit['kind'];
// Every kind of the contract, in the order offered (the Record type fails to compile if one is missing).
const KIND_ORDER: Record<UnitKind, number> = {
  province: 0,
  commune: 1,
  district: 2,
  agency: 3,
  school: 4,
  provider: 5,
  other: 6,
};
const UNIT_KINDS = (Object.keys(KIND_ORDER) as UnitKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);
const TEXT_FIELDS = [
  'code',
  'name',
  'nameEn',
  'issuerParentName',
  'issuerName',
  'placeName',
  'signerAuthority',
  'signerTitle',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type FormState = Record<TextField, string> & { kind: UnitKind; parentId: string | null };

// Phụ lục I II.7 of Decree 30/2020: the marks before a signer's title.
const AUTHORITIES = ['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'];

function initialState(mode: UnitFormMode): FormState {
  const unit = mode.kind === 'edit' ? mode.unit : null;
  const state = {
    kind: unit?.kind ?? 'agency',
    parentId: unit ? unit.parentId : mode.kind === 'create' ? mode.parent.id : null,
  } as FormState;
  for (const field of TEXT_FIELDS) state[field] = unit?.[field] ?? '';
  return state;
}

export type UnitFormMode = { kind: 'create'; parent: Unit } | { kind: 'edit'; unit: Unit };

type UnitFormModalProps = {
  mode: UnitFormMode;
  units: Unit[];
  onClose: () => void;
  onSaved: (unit: Unit) => void;
};

/** Create a sub-unit, or edit (and move) a unit, including what it prints on official documents. */
export function UnitFormModal({ mode, units, onClose, onSaved }: UnitFormModalProps) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const [form, setForm] = useState(() => initialState(mode));
  const blocked = useMemo(
    () => (mode.kind === 'edit' ? subtreeOf(units, mode.unit.id) : new Set<string>()),
    [mode, units],
  );
  const save = useMutation({
    mutationFn: () => {
      const { parentId, ...fields } = form;
      if (mode.kind === 'create') {
        return api.post<Unit>('/api/units', { ...fields, parentId: mode.parent.id } satisfies UnitCreate);
      }
      const move = parentId && parentId !== mode.unit.parentId ? { parentId } : {};
      return api.patch<Unit>(`/api/units/${mode.unit.id}`, { ...fields, ...move } satisfies UnitUpdate);
    },
    onSuccess: async (unit) => {
      await client.invalidateQueries({ queryKey: UNITS_KEY });
      onSaved(unit);
    },
  });

  const fieldError = (name: string) =>
    save.error instanceof ApiError ? save.error.fieldMessage(name) : undefined;
  const text = (field: TextField, label: string, hint?: string, required = false) => (
    <TextInput
      label={label}
      description={hint}
      required={required}
      value={form[field]}
      error={fieldError(field)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setForm((old) => ({ ...old, [field]: value }));
      }}
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title =
    mode.kind === 'create'
      ? t('units.createTitle', { parent: unitLabel(mode.parent, lang) })
      : t('units.editTitle', { name: unitLabel(mode.unit, lang) });

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={title}
      size="lg"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('code', t('units.code'), t('units.codeHint'), true)}
            <Select
              label={t('units.kind')}
              required
              allowDeselect={false}
              value={form.kind}
              data={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))}
              onChange={(kind) => kind && setForm((old) => ({ ...old, kind: kind as UnitKind }))}
            />
          </SimpleGrid>
          {text('name', t('units.name'), undefined, true)}
          {text('nameEn', t('units.nameEn'))}
          {mode.kind === 'edit' && mode.unit.parentId && (
            <UnitSelect
              label={t('units.parent')}
              value={form.parentId}
              exclude={(id) => blocked.has(id)}
              allowDeselect={false}
              error={fieldError('parentId')}
              onChange={(parentId) => setForm((old) => ({ ...old, parentId }))}
            />
          )}
          <Fieldset legend={t('units.documents')} variant="filled">
            <Stack gap="sm">
              {text('issuerParentName', t('units.issuerParentName'), t('units.issuerParentNameHint'))}
              {text('issuerName', t('units.issuerName'), t('units.issuerNameHint'))}
              {text('placeName', t('units.placeName'), t('units.placeNameHint'))}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Autocomplete
                  label={t('units.signerAuthority')}
                  description={t('units.signerAuthorityHint')}
                  data={AUTHORITIES}
                  value={form.signerAuthority}
                  error={fieldError('signerAuthority')}
                  onChange={(signerAuthority) => setForm((old) => ({ ...old, signerAuthority }))}
                />
                {text('signerTitle', t('units.signerTitle'), t('units.signerTitleHint'))}
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {mode.kind === 'create' ? t('common.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
