import { Badge, Button, Code, Switch } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { ApiToken, Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { ConfirmModal } from '../ui/confirm-modal';
import { formatDate, formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { RoleBadge } from '../ui/role-badge';
import { type Column, ServerTable } from '../ui/server-table';
import { useUnitName } from '../units/use-units';
import { TokenCreateModal } from './token-create-modal';

const PAGE_SIZE = 25;

function TokenStatus({ token }: { token: ApiToken }) {
  const t = useT();
  if (token.revokedAt) return <Badge color="gray">{t('tokens.statusRevoked')}</Badge>;
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) {
    return <Badge color="orange">{t('tokens.statusExpired')}</Badge>;
  }
  return (
    <Badge color="teal" variant="light">
      {t('tokens.statusActive')}
    </Badge>
  );
}

/** Only admins and unit officers reach this page (the navigation hides it from the others). */
export function TokensPage() {
  const t = useT();
  const { lang } = useLanguage();
  const unitName = useUnitName();
  const [page, setPage] = useState(1);
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const filters = { page, pageSize: PAGE_SIZE, includeRevoked: includeRevoked ? 'true' : undefined };
  const tokens = useQuery({
    queryKey: ['tokens', filters],
    queryFn: () => api.get<Page<ApiToken>>('/api/tokens', filters),
    placeholderData: keepPreviousData,
  });

  const columns: Column<ApiToken>[] = [
    { key: 'name', header: t('tokens.name'), render: (tk) => tk.name },
    { key: 'prefix', header: t('tokens.prefix'), render: (tk) => <Code>{tk.prefix}…</Code> },
    { key: 'unit', header: t('tokens.unit'), render: (tk) => unitName(tk.unitId) },
    { key: 'role', header: t('tokens.role'), render: (tk) => <RoleBadge role={tk.role} /> },
    { key: 'status', header: t('tokens.status'), render: (tk) => <TokenStatus token={tk} /> },
    { key: 'created', header: t('tokens.createdAt'), render: (tk) => formatDate(tk.createdAt, lang) },
    {
      key: 'expires',
      header: t('tokens.expiresAt'),
      render: (tk) => (tk.expiresAt ? formatDate(tk.expiresAt, lang) : t('tokens.never')),
    },
    { key: 'used', header: t('tokens.lastUsed'), render: (tk) => formatDateTime(tk.lastUsedAt, lang) },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (tk) =>
        !tk.revokedAt && (
          <Button size="compact-xs" variant="light" color="red" onClick={() => setRevoking(tk)}>
            {t('tokens.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        intro={t('tokens.intro')}
        actions={
          <Button leftSection={<Icon name="plus" size={16} />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Switch
        mb="md"
        label={t('tokens.includeRevoked')}
        checked={includeRevoked}
        onChange={(event) => {
          setIncludeRevoked(event.currentTarget.checked);
          setPage(1);
        }}
      />
      <ServerTable
        columns={columns}
        query={tokens}
        rowKey={(tk) => tk.id}
        onPageChange={setPage}
        label={t('tokens.title')}
      />
      {creating && <TokenCreateModal onClose={() => setCreating(false)} />}
      <ConfirmModal
        opened={revoking !== null}
        title={t('tokens.revokeTitle')}
        message={t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.delete(`/api/tokens/${revoking.id}`);
          await tokens.refetch();
        }}
      />
    </>
  );
}
