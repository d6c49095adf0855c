import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../../src-shared/contract/methods/app.js';
import { call } from '../api/index.js';
import { enUS } from './en-US/index.js';
import { zhCN, type MessageKey } from './zh-CN/index.js';

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

interface I18n {
  language: Language;
  t: Translate;
  /** Switches and saves the choice (settings.update works before unlock). Rejects if saving failed. */
  setLanguage(language: Language): Promise<void>;
  /** Takes the saved choice at startup without writing it back. */
  adoptLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

/** `{name}` placeholders are replaced from vars; a missing var stays visible so it gets noticed. */
function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function I18nProvider(props: { canSave: boolean; children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>('zh-CN');
  const { canSave } = props;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = dictionaries[language]['app.title'];
  }, [language]);

  const setLanguage = useCallback(
    async (next: Language) => {
      setLanguageState(next);
      if (canSave) await call('settings.update', { language: next });
    },
    [canSave],
  );

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[language];
    return {
      language,
      t: (key, vars) => fill(dict[key], vars),
      setLanguage,
      adoptLanguage: setLanguageState,
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n: outside I18nProvider');
  return i18n;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}
