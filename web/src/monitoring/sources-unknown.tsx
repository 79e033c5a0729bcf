import { Alert, Button, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDateTime } from '../ui/format';
import { UnitSelect } from '../ui/unit-select';

export type UnknownSender = {
  address: string;
  transport: string;
  count: number;
  lastSeenAt: string;
  lastMessage: string | null;
};

/** Senders that match no source, with one click to register one as a syslog source of a chosen unit. */
export function UnknownSenders({ senders }: { senders: UnknownSender[] }) {
  const t = useT();
  const { lang } = useLanguage();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: (address: string) =>
      api.post('/api/log-sources', { unitId, name: address, kind: 'syslog', cidr: address }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['log-sources'] });
      await client.invalidateQueries({ queryKey: ['ingest-stats'] });
    },
  });
  if (senders.length === 0) return <Text c="dimmed">{t('sources.noUnknown')}</Text>;
  return (
    <>
      <UnitSelect label={t('sources.registerInto')} value={unitId} onChange={setUnitId} w={320} mb="sm" />
      {register.error && (
        <Alert color="red" mb="sm">
          {register.error.message}
        </Alert>
      )}
      <Table striped>
        <Table.Tbody>
          {senders.map((u) => (
            <Table.Tr key={u.address}>
              <Table.Td ff="monospace">{u.address}</Table.Td>
              <Table.Td>{u.transport}</Table.Td>
              <Table.Td>{u.count.toLocaleString(lang)}</Table.Td>
              <Table.Td>{formatDateTime(u.lastSeenAt, lang)}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" lineClamp={1}>
                  {u.lastMessage ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  disabled={!unitId}
                  loading={register.isPending && register.variables === u.address}
                  onClick={() => register.mutate(u.address)}
                >
                  {t('sources.register')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
