import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { HostDetail } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { FactRow } from '../ui/fact-row';
import { formatDateTime } from '../ui/format';
import { useUnitName } from '../units/use-units';
import { CriticalityBadge, osBuild } from './host-format';

function yesNo(value: boolean | null, t: ReturnType<typeof useT>): string | null {
  return value === null ? null : value ? t('common.yes') : t('common.no');
}

/** The host's OS, Office/Exchange and management facts, as its latest inventory (or a person) says. */
export function HostFacts({ host }: { host: HostDetail }) {
  const t = useT();
  const { lang } = useLanguage();
  const unitName = useUnitName();
  const msiFiles = Object.entries(host.officeMsiFiles);
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <Card withBorder radius="md">
        <Text fw={600} mb="sm">
          {t('hosts.osSection')}
        </Text>
        <Stack gap={6}>
          <FactRow label={t('hosts.productName')}>{host.productName}</FactRow>
          <FactRow label={t('hosts.edition')}>{host.editionId}</FactRow>
          <FactRow label={t('hosts.displayVersion')}>{host.displayVersion}</FactRow>
          <FactRow label={t('hosts.buildUbr')}>
            {osBuild(host) && (
              <Text span size="sm" ff="monospace">
                {osBuild(host)}
              </Text>
            )}
          </FactRow>
          <FactRow label={t('hosts.architecture')}>{host.architecture}</FactRow>
          <FactRow label={t('hosts.installationType')}>{host.installationType}</FactRow>
          <FactRow label={t('hosts.hotpatch')}>{yesNo(host.hotpatch, t)}</FactRow>
        </Stack>
      </Card>
      <Card withBorder radius="md">
        <Text fw={600} mb="sm">
          {t('hosts.officeSection')}
        </Text>
        <Stack gap={6}>
          <FactRow label={t('hosts.officeC2rVersion')}>{host.officeC2rVersion}</FactRow>
          <FactRow label={t('hosts.officeC2rChannel')}>{host.officeC2rChannel}</FactRow>
          <FactRow label={t('hosts.officeC2rPlatform')}>{host.officeC2rPlatform}</FactRow>
          <FactRow label={t('hosts.officeMsi')}>
            {msiFiles.length > 0 && (
              <Stack gap={0} align="flex-end">
                {msiFiles.map(([file, version]) => (
                  <Text key={file} size="sm" ff="monospace">
                    {file} {version}
                  </Text>
                ))}
              </Stack>
            )}
          </FactRow>
          <FactRow label={t('hosts.exchangeVersion')}>{host.exchangeVersion}</FactRow>
        </Stack>
      </Card>
      <Card withBorder radius="md">
        <Text fw={600} mb="sm">
          {t('hosts.manageSection')}
        </Text>
        <Stack gap={6}>
          <FactRow label={t('hosts.unit')}>{unitName(host.unitId)}</FactRow>
          <FactRow label={t('hosts.domain')}>{host.domain}</FactRow>
          <FactRow label={t('hosts.owner')}>{host.owner}</FactRow>
          <FactRow label={t('hosts.location')}>{host.location}</FactRow>
          <FactRow label={t('hosts.criticality')}>
            <CriticalityBadge value={host.criticality} />
          </FactRow>
          <FactRow label={t('hosts.ips')}>
            {host.ips.length > 0 && (
              <Group gap={4} justify="flex-end">
                {host.ips.map((ip) => (
                  <Badge key={ip} variant="outline" color="gray" tt="none">
                    {ip}
                  </Badge>
                ))}
              </Group>
            )}
          </FactRow>
          <FactRow label={t('hosts.source')}>{t(`hosts.source.${host.source}`)}</FactRow>
          <FactRow label={t('hosts.machineId')}>
            {host.machineId && (
              <Text span size="xs" ff="monospace">
                {host.machineId}
              </Text>
            )}
          </FactRow>
          <FactRow label={t('hosts.lastInventory')}>
            {host.lastInventoryAt ? formatDateTime(host.lastInventoryAt, lang) : t('hosts.never')}
          </FactRow>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
