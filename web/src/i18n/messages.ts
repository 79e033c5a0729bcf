import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTIONARIES: Record<Lang, Messages> = { vi, en };
const STORAGE_KEY = 'canhgac.lang';

export function messagesFor(lang: Lang): Messages {
  return DICTIONARIES[lang];
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function translator(lang: Lang): Translate {
  const messages = DICTIONARIES[lang];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** The language before sign-in: the last one chosen on this browser, else Vietnamese. */
export function storedLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function storeLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice then lasts for this page only.
  }
}
