import { Badge, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Unit } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { unitLabel } from './use-units';

type UnitDetailsProps = {
  unit: Unit;
  parent: Unit | undefined;
  childCount: number;
  canManage: boolean;
  onAddChild: () => void;
  onEdit: () => void;
  onDelete: () => void;
};

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="lg">
      <Text size="sm" c="dimmed" style={{ flex: 'none' }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div">
        {value || '—'}
      </Text>
    </Group>
  );
}

export function UnitDetails({
  unit,
  parent,
  childCount,
  canManage,
  onAddChild,
  onEdit,
  onDelete,
}: UnitDetailsProps) {
  const t = useT();
  const { lang } = useLanguage();
  const other = lang === 'en' ? unit.name : unit.nameEn;
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>{unitLabel(unit, lang)}</Title>
            {other && (
              <Text c="dimmed" size="sm">
                {other}
              </Text>
            )}
          </div>
          <Badge variant="light">{t(`unitKind.${unit.kind}`)}</Badge>
        </Group>
        <Row
          label={t('units.code')}
          value={
            <Badge variant="outline" color="gray">
              {unit.code}
            </Badge>
          }
        />
        <Row label={t('units.parent')} value={parent ? unitLabel(parent, lang) : null} />
        <Row label={t('units.depth')} value={String(unit.depth)} />
        <Row label={t('units.childrenLabel')} value={String(childCount)} />
        <Row label={t('units.updatedAt')} value={formatDateTime(unit.updatedAt, lang)} />
        <Divider label={t('units.documents')} labelPosition="left" />
        <Row label={t('units.issuerParentName')} value={unit.issuerParentName} />
        <Row label={t('units.issuerName')} value={unit.issuerName} />
        <Row label={t('units.placeName')} value={unit.placeName} />
        <Row label={t('units.signerAuthority')} value={unit.signerAuthority} />
        <Row label={t('units.signerTitle')} value={unit.signerTitle} />
        {canManage && (
          <Group mt="sm" gap="xs">
            <Button leftSection={<Icon name="plus" size={16} />} onClick={onAddChild}>
              {t('units.addChild')}
            </Button>
            <Button variant="default" onClick={onEdit}>
              {t('common.edit')}
            </Button>
            {unit.parentId && childCount === 0 && (
              <Button variant="light" color="red" onClick={onDelete}>
                {t('common.delete')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
