import { Anchor, Button, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useSession } from '../auth/session';
import type { Page } from '../contract-types';
import { useLanguage, useT } from '../i18n/use-t';
import { formatDate } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { type Column, ServerTable } from '../ui/server-table';
import { RegisterModal } from './register-modal';
import { DIRECTIVE_WRITERS, type Directive } from './types';

/** Incoming directives of the caller's units (GET /api/directives), newest first. */
export function DirectivesPage() {
  const t = useT();
  const { lang } = useLanguage();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['directives', 'list', page],
    queryFn: () => api.get<Page<Directive>>('/api/directives', { page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Directive>[] = [
    {
      key: 'subject',
      header: t('directives.subject'),
      render: (d) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/directives/${d.id}`} fw={600} size="sm">
            {d.subject}
          </Anchor>
          <Text size="xs" c="dimmed">
            {d.number} · {d.issuer}
          </Text>
        </Stack>
      ),
    },
    { key: 'issuedOn', header: t('directives.issuedOn'), render: (d) => formatDate(d.issuedOn, lang) },
    {
      key: 'deadline',
      header: t('directives.deadline'),
      render: (d) => (d.deadline ? formatDate(d.deadline, lang) : '—'),
    },
    { key: 'unit', header: t('directives.receivingUnit'), render: (d) => d.unitName },
  ];
  return (
    <>
      <PageHeader
        title={t('directives.title')}
        intro={t('directives.intro')}
        actions={
          (DIRECTIVE_WRITERS as readonly string[]).includes(me.user.role) && (
            <Button leftSection={<Icon name="plus" size={16} />} onClick={() => setCreating(true)}>
              {t('directives.register')}
            </Button>
          )
        }
      />
      <ServerTable
        columns={columns}
        query={list}
        rowKey={(d) => d.id}
        onPageChange={setPage}
        label={t('directives.title')}
      />
      {creating && <RegisterModal onClose={() => setCreating(false)} />}
    </>
  );
}
