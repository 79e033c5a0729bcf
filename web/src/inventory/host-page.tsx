import { Button, Loader, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { can } from '../auth/permissions';
import { useSession } from '../auth/session';
import type { HostDetail } from '../contract-types';
import { useT } from '../i18n/use-t';
import { BackLink } from '../ui/back-link';
import { ConfirmModal } from '../ui/confirm-modal';
import { ErrorAlert } from '../ui/error-alert';
import { PageHeader } from '../ui/page-header';
import { HostFindings } from '../vulns/host-findings';
import { HostFacts } from './host-facts';
import { HostFormModal } from './host-form-modal';
import { osName } from './host-format';
import { HostHistory, HostHotfixes, HostPrograms } from './host-software';

/** One host: its facts, programs, hotfixes and inventory history (GET /api/hosts/:id). */
export function HostPage() {
  const t = useT();
  const { id = '' } = useParams();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const canManage = can(me.user.role, 'manageInventory');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const host = useQuery({
    queryKey: ['hosts', 'detail', id],
    queryFn: () => api.get<HostDetail>(`/api/hosts/${encodeURIComponent(id)}`),
  });

  const back = <BackLink to="/inventory" label={t('hosts.back')} />;
  if (host.error) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={host.error} onRetry={() => host.refetch()} />
      </Stack>
    );
  }
  if (!host.data) return <Loader m="xl" />;
  const h = host.data;

  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={h.hostname}
        intro={[osName(h), h.domain].filter(Boolean).join(' · ') || undefined}
        actions={
          canManage && (
            <>
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              <Button variant="light" color="red" onClick={() => setDeleting(true)}>
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      <HostFacts host={h} />
      <HostFindings hostId={h.id} />
      <HostHotfixes hotfixes={h.hotfixes} />
      <HostPrograms software={h.software} />
      <HostHistory snapshots={h.snapshots} />
      {editing && <HostFormModal host={h} onClose={() => setEditing(false)} />}
      <ConfirmModal
        opened={deleting}
        title={t('hosts.deleteTitle')}
        message={t('hosts.deleteConfirm', { name: h.hostname })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.delete(`/api/hosts/${h.id}`);
          client.removeQueries({ queryKey: ['hosts', 'detail', h.id] });
          await client.invalidateQueries({ queryKey: ['hosts', 'list'] });
          navigate('/inventory', { replace: true });
        }}
      />
    </Stack>
  );
}
