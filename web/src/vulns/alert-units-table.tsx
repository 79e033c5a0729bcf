import { Anchor, Badge, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AlertUnitStatus } from '../contract-types';
import { useT } from '../i18n/use-t';
import { findingsLink } from './finding-format';

/** Per unit of the caller's scope: hosts, hosts without inventory, affected, undecided, fixed, not affected. */
export function AlertUnitsTable({ alertId, units }: { alertId: string; units: AlertUnitStatus[] }) {
  const t = useT();
  const count = (value: number, color?: string) => (
    <Text size="sm" ta="right" fw={value > 0 && color ? 700 : undefined} c={value > 0 ? color : 'dimmed'}>
      {value}
    </Text>
  );
  return (
    <Paper withBorder radius="md">
      <ScrollArea>
        <Table striped verticalSpacing="xs" miw={960} aria-label={t('alerts.unitsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('findings.unit')}</Table.Th>
              <Table.Th ta="right">{t('alerts.hosts')}</Table.Th>
              <Table.Th ta="right">{t('alerts.withoutInventory')}</Table.Th>
              <Table.Th ta="right">{t('alerts.affected')}</Table.Th>
              <Table.Th ta="right">{t('alerts.undecided')}</Table.Th>
              <Table.Th ta="right">{t('alerts.fixed')}</Table.Th>
              <Table.Th ta="right">{t('alerts.notAffected')}</Table.Th>
              <Table.Th ta="right">{t('alerts.openFindings')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.map((u) => (
              <Table.Tr key={u.unitId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {u.unitName}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {u.unitCode}
                  </Text>
                </Table.Td>
                <Table.Td>{count(u.hosts)}</Table.Td>
                <Table.Td>{count(u.hostsWithoutInventory, 'orange.7')}</Table.Td>
                <Table.Td>
                  {u.affectedHosts > 0 ? (
                    <Text ta="right">
                      <Badge color="red" variant="filled">
                        {u.affectedHosts}
                      </Badge>
                    </Text>
                  ) : (
                    count(0)
                  )}
                </Table.Td>
                <Table.Td>{count(u.unknownHosts, 'gray.8')}</Table.Td>
                <Table.Td>{count(u.fixedHosts, 'teal.7')}</Table.Td>
                <Table.Td>{count(u.notAffectedHosts, 'teal.7')}</Table.Td>
                <Table.Td>{count(u.openFindings, 'red.7')}</Table.Td>
                <Table.Td>
                  {u.openFindings > 0 && (
                    <Anchor
                      component={Link}
                      to={findingsLink({ alertId, unitId: u.unitId, unitOnly: 'true' })}
                      size="sm"
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {t('alerts.toFindings')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {units.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text c="dimmed" ta="center" py="lg" size="sm">
                    {t('common.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
