import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LANGUAGES, pickLanguage, type Language } from '#shared/i18n/languages';
import { chooseLanguage } from './i18n.ts';

export { LANGUAGES, type Language };

/** The language shown now and a way to change it (remembered for the next visit). */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => Promise<void> } {
  const { i18n } = useTranslation();
  const setLanguage = useCallback((language: Language) => chooseLanguage(i18n, language), [i18n]);
  return { language: pickLanguage(i18n.language), setLanguage };
}

/** Each language named in itself, so a reader finds their own whatever language is showing. */
export function languageNames(t: TFunction): Record<Language, string> {
  return {
    'zh-CN': t('common:language.zhCN'),
    en: t('common:language.en'),
    ug: t('common:language.ug'),
  };
}
