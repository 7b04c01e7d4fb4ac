/**
 * Server-side translation: error messages, SMS texts, messages, the policy engine's reasons and
 * spreadsheet words in the caller's language. A language's translations are read from their files
 * the first time it is asked for (with the default language, which fills in missing keys), so a
 * function carries none of them in its code and a cold start parses one or two languages, not all.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/i18n/languages';
import { bundleFile } from './bundle-files.ts';

/** The translation namespaces the server uses; the bundling copies exactly these files beside a bundle. */
export const SERVER_NAMESPACES = ['errors', 'sms', 'messages', 'policy', 'sheet'] as const;
/** Where a bundle keeps them: `locales/<language>/<namespace>.json`. */
export const BUNDLED_TRANSLATIONS_DIR = 'locales';

/** Where the repository keeps a namespace's translations (the bundling copies them from here). */
export const repositoryTranslationFile = (language: Language, namespace: string) =>
  fileURLToPath(new URL(`../../shared/i18n/locales/${language}/${namespace}.json`, import.meta.url));

const translationFile = (language: Language, namespace: string) =>
  process.env.PORTAL_BUNDLE === 'lambda'
    ? bundleFile(BUNDLED_TRANSLATIONS_DIR, language, `${namespace}.json`)
    : repositoryTranslationFile(language, namespace);

const instance = i18next.createInstance();
const loaded = new Set<Language>();

function load(language: Language) {
  if (!instance.isInitialized) {
    void instance.init({
      initAsync: false,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: [...SERVER_NAMESPACES],
      defaultNS: 'errors',
      interpolation: { escapeValue: false },
      resources: {},
    });
  }
  for (const namespace of SERVER_NAMESPACES) {
    instance.addResourceBundle(language, namespace, JSON.parse(readFileSync(translationFile(language, namespace), 'utf8')) as object);
  }
  loaded.add(language);
}

/**
 * The translate function of a language.
 * @example
 * translator('en')('codes.not_found') // → 'Not found'
 */
export function translator(language: Language): TFunction {
  if (!loaded.has(DEFAULT_LANGUAGE)) load(DEFAULT_LANGUAGE);
  if (!loaded.has(language)) load(language);
  return instance.getFixedT(language);
}
