import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { setApiLanguage } from '../api';
import { type Lang, type Translate, translator } from './messages';

type LanguageState = { lang: Lang; setLang: (lang: Lang) => void };

const LanguageContext = createContext<LanguageState>({ lang: 'vi', setLang: () => {} });

/** Makes the chosen language visible to useT(), the API client and the page's lang attribute. */
export function LanguageProvider({ value, children }: { value: LanguageState; children: ReactNode }) {
  // Set during render, not in an effect: children's first requests must already carry the language.
  setApiLanguage(value.lang);
  useEffect(() => {
    document.documentElement.lang = value.lang;
  }, [value.lang]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** The translate function of the current language: t('nav.units'), t('home.welcome', { name }). */
export function useT(): Translate {
  const { lang } = useContext(LanguageContext);
  return useMemo(() => translator(lang), [lang]);
}
