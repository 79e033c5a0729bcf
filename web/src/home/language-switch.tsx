import { SegmentedControl } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { ME_KEY, useMe } from '../auth/session';
import type { Me, User } from '../contract-types';
import type { Lang } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-t';

/** VI/EN: saved on the account when signed in (the server then answers in it too), else on this browser. */
export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLanguage();
  const me = useMe();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (language: Lang) => api.patch<User>('/api/auth/me', { language }),
    onSuccess: (user) => {
      setLang(user.language);
      client.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user } : old));
    },
  });
  const choose = (value: string) => {
    const next: Lang = value === 'en' ? 'en' : 'vi';
    if (me.data) save.mutate(next);
    else setLang(next);
  };
  return (
    <SegmentedControl
      size="xs"
      value={lang}
      onChange={choose}
      disabled={save.isPending}
      aria-label={t('lang.label')}
      data={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
