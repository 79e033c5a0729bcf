import { Alert, Grid, Paper, Skeleton, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useLanguage, useT } from '../i18n/use-t';
import { ConfirmModal } from '../ui/confirm-modal';
import { ErrorAlert } from '../ui/error-alert';
import { PageHeader } from '../ui/page-header';
import { UnitDetails } from './unit-details';
import { UnitFormModal, type UnitFormMode } from './unit-form-modal';
import { childCount } from './unit-tree';
import { UnitTreeView } from './unit-tree-view';
import { UNITS_KEY, unitLabel, useUnits } from './use-units';

export function UnitsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const client = useQueryClient();
  const units = useUnits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [form, setForm] = useState<UnitFormMode | null>(null);
  const [deleting, setDeleting] = useState(false);
  const canManage = can(me.user.role, 'manageUnits');

  if (units.error) return <ErrorAlert error={units.error} onRetry={() => units.refetch()} />;
  const items = units.data?.items ?? [];
  const selected = items.find((u) => u.id === selectedId) ?? items[0];
  const parent = selected?.parentId ? items.find((u) => u.id === selected.parentId) : undefined;

  return (
    <>
      <PageHeader title={t('units.title')} intro={t('units.intro')} />
      {units.data && units.data.total > items.length && (
        <Alert color="yellow" mb="md">
          {t('units.truncated', { shown: items.length, total: units.data.total })}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="sm">
            {units.isPending ? (
              <Skeleton h={160} />
            ) : (
              <UnitTreeView
                units={items}
                selectedId={selected?.id ?? null}
                onSelect={setSelectedId}
                reveal={selectedId}
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {selected ? (
            <UnitDetails
              unit={selected}
              parent={parent}
              childCount={childCount(items, selected.id)}
              canManage={canManage}
              onAddChild={() => setForm({ kind: 'create', parent: selected })}
              onEdit={() => setForm({ kind: 'edit', unit: selected })}
              onDelete={() => setDeleting(true)}
            />
          ) : (
            <Text c="dimmed">{t('units.noSelection')}</Text>
          )}
        </Grid.Col>
      </Grid>
      {form && (
        <UnitFormModal
          mode={form}
          units={items}
          onClose={() => setForm(null)}
          onSaved={(unit) => {
            setForm(null);
            setSelectedId(unit.id);
          }}
        />
      )}
      {selected && (
        <ConfirmModal
          opened={deleting}
          title={t('units.deleteTitle')}
          message={t('units.deleteConfirm', { name: unitLabel(selected, lang) })}
          confirmLabel={t('common.delete')}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.delete(`/api/units/${selected.id}`);
            setSelectedId(selected.parentId);
            await client.invalidateQueries({ queryKey: UNITS_KEY });
          }}
        />
      )}
    </>
  );
}
