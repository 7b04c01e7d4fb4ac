/** A real i18next instance with the app's translation files, for asserting on translated messages. */
import { readFileSync, readdirSync } from 'node:fs';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '#shared/i18n/languages';

const locales = new URL('../../../shared/i18n/locales/', import.meta.url);

export function readTranslations(language: Language, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${language}/${namespace}.json`, locales), 'utf8')) as Record<string, unknown>;
}

export async function createTestI18n(language: Language = 'zh-CN'): Promise<{ i18n: I18n; t: TFunction }> {
  const resources = Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      Object.fromEntries(
        readdirSync(new URL(`${lang}/`, locales))
          .filter((file) => file.endsWith('.json'))
          .map((file) => [file.replace(/\.json$/, ''), readTranslations(lang, file.replace(/\.json$/, ''))]),
      ),
    ]),
  );
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: false,
    resources,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  return { i18n: instance, t: instance.t.bind(instance) };
}
