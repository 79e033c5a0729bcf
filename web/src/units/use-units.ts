import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api';
import type { Page, Unit } from '../contract-types';
import type { Lang } from '../i18n/messages';
import { useLanguage } from '../i18n/use-t';

export const UNITS_KEY = ['units'] as const;
/** The server's largest page; a scope above this many units is shown truncated (and says so). */
export const UNIT_LIMIT = 500;

/** Every unit in the caller's scope, ordered by tree path (parents before children). */
export function useUnits() {
  return useQuery({
    queryKey: [...UNITS_KEY, 'all'],
    queryFn: () => api.get<Page<Unit>>('/api/units', { pageSize: UNIT_LIMIT }),
    staleTime: 30_000,
  });
}

export function unitLabel(unit: Pick<Unit, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

/** Looks a unit's display name up by id, for tables that only carry unitId. */
export function useUnitName(): (id: string | null | undefined) => string {
  const { data } = useUnits();
  const { lang } = useLanguage();
  return useCallback(
    (id) => {
      if (!id) return '—';
      const unit = data?.items.find((u) => u.id === id);
      return unit ? unitLabel(unit, lang) : `${id.slice(0, 8)}…`;
    },
    [data, lang],
  );
}
