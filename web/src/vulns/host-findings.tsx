import { Card, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { Finding, Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ServerTable } from '../ui/server-table';
import { FindingStatusModal } from './finding-status-modal';
import { findingColumns } from './findings-columns';

/** The findings still to work on for one host (GET /api/findings?hostId=), on the host page. */
export function HostFindings({ hostId }: { hostId: string }) {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Finding | null>(null);
  const filters = { hostId, page, pageSize: 20 };
  const findings = useQuery({
    queryKey: ['findings', 'list', filters],
    queryFn: () => api.get<Page<Finding>>('/api/findings', filters),
    placeholderData: keepPreviousData,
  });
  const canManage = can(me.user.role, 'manageFindings');
  return (
    <Card withBorder radius="md">
      <Text fw={600} mb="sm">
        {t('findings.ofHost')}
      </Text>
      <ServerTable
        columns={findingColumns(t, lang, canManage ? setEditing : undefined)}
        query={findings}
        rowKey={(f) => f.id}
        onPageChange={setPage}
        label={t('findings.ofHost')}
        minWidth={1040}
      />
      {editing && <FindingStatusModal finding={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
