import { Anchor, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/use-t';

export function NotFoundPage() {
  const t = useT();
  return (
    <Stack align="flex-start">
      <Title order={2}>{t('common.notFound')}</Title>
      <Anchor component={Link} to="/">
        {t('common.backHome')}
      </Anchor>
    </Stack>
  );
}
