import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useLanguage } from '../i18n/use-t';
import { unitLabel, useUnits } from '../units/use-units';

type UnitSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (unitId: string | null) => void;
  /** Leave these units (and nothing else) out, e.g. a unit and its subtree when moving it. */
  exclude?: (unitId: string) => boolean;
};

/** Picks a unit of the caller's scope; options are indented by depth so the tree stays readable. */
export function UnitSelect({ value, onChange, exclude, ...rest }: UnitSelectProps) {
  const { data, isPending } = useUnits();
  const { lang } = useLanguage();
  const options = useMemo(() => {
    const units = data?.items ?? [];
    const top = Math.min(...units.map((u) => u.depth));
    return units
      .filter((u) => !exclude?.(u.id))
      .map((u) => ({
        value: u.id,
        label: `${'\u00a0\u00a0\u00a0'.repeat(u.depth - top)}${unitLabel(u, lang)}`,
      }));
  }, [data, lang, exclude]);
  return (
    <Select
      searchable
      nothingFoundMessage="—"
      {...rest}
      disabled={rest.disabled || isPending}
      data={options}
      value={value}
      onChange={(next) => onChange(next)}
    />
  );
}
