import { Button, Group, TextInput } from '@mantine/core';
import { useT } from '../i18n/use-t';
import { UnitSelect } from '../ui/unit-select';

export type AuditFilterValues = {
  action: string;
  actor: string;
  unitId: string | null;
  from: string;
  to: string;
};
export const NO_FILTERS: AuditFilterValues = { action: '', actor: '', unitId: null, from: '', to: '' };

type AuditFiltersProps = { value: AuditFilterValues; onChange: (value: AuditFilterValues) => void };

export function AuditFilters({ value, onChange }: AuditFiltersProps) {
  const t = useT();
  const set = <K extends keyof AuditFilterValues>(key: K, next: AuditFilterValues[K]) =>
    onChange({ ...value, [key]: next });
  return (
    <Group mb="md" align="flex-end" gap="sm">
      <TextInput
        label={t('audit.actionFilter')}
        placeholder="unit."
        value={value.action}
        onChange={(event) => set('action', event.currentTarget.value)}
        w={200}
      />
      <TextInput
        label={t('audit.actor')}
        value={value.actor}
        onChange={(event) => set('actor', event.currentTarget.value)}
        w={150}
      />
      <UnitSelect
        label={t('audit.unit')}
        placeholder={t('common.all')}
        clearable
        value={value.unitId}
        onChange={(unitId) => set('unitId', unitId)}
        w={220}
      />
      <TextInput
        label={t('audit.from')}
        type="date"
        value={value.from}
        onChange={(event) => set('from', event.currentTarget.value)}
        w={150}
      />
      <TextInput
        label={t('audit.to')}
        type="date"
        value={value.to}
        onChange={(event) => set('to', event.currentTarget.value)}
        w={150}
      />
      <Button variant="subtle" onClick={() => onChange(NO_FILTERS)}>
        {t('common.clearFilters')}
      </Button>
    </Group>
  );
}
