import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { ErrorAlert } from '../ui/error-alert';
import { INDICATOR_TYPES, type IncidentDetail } from './types';

type Props = { incident: IncidentDetail; canEdit: boolean; onChange: () => void };

/** Indicators (IP, domain, URL, hash), validated and normalised by the server. */
export function IndicatorsCard({ incident, canEdit, onChange }: Props) {
  const t = useT();
  const [type, setType] = useState<string | null>('ipv4');
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const add = useMutation({
    mutationFn: () => api.post(`/api/incidents/${incident.id}/indicators`, { type, value, comment }),
    onSuccess: () => {
      setValue('');
      setComment('');
      onChange();
    },
  });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('incidents.indicators')}
      </Title>
      {incident.indicators.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('incidents.none')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {incident.indicators.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.type}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {i.value}
                  </Text>
                </Table.Td>
                <Table.Td>{i.comment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Stack gap="xs" mt="md">
          {add.error && <ErrorAlert error={add.error} />}
          <Group grow>
            <Select
              value={type}
              onChange={setType}
              data={[...INDICATOR_TYPES]}
              aria-label={t('incidents.indicatorType')}
            />
            <TextInput
              placeholder={t('incidents.indicatorValue')}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
            />
            <TextInput
              placeholder={t('incidents.indicatorComment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
          </Group>
          <Button size="xs" onClick={() => add.mutate()} disabled={!value.trim()} loading={add.isPending}>
            {t('incidents.indicatorAdd')}
          </Button>
        </Stack>
      )}
    </Card>
  );
}
