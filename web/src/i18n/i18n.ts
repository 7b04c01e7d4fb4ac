import i18next, { type BackendModule, type i18n as I18n, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, isRtl, pickLanguage, type Language } from '#shared/i18n/languages';

/**
 * Namespaces loaded before the first screen: `errors` too, because the API client and the sign-in
 * forms translate validation messages with it. `portal` and `office` are loaded by their own chunks,
 * `guide` and `policy` (every code a policy pack uses) only by the service guide's.
 */
const STARTUP_NAMESPACES = ['common', 'auth', 'errors'] as const;

const STORAGE_KEY = 'language';

/*
 * A lazy glob: every translation file becomes its own small chunk, fetched only when i18next asks
 * for that language and namespace, so a phone never downloads the two languages it does not show.
 */
const translationFiles = import.meta.glob<Record<string, unknown>>(
  // The web's namespaces only: the server's own (SMS texts) have no business in the browser. `sheet`
  // is both: the upload pages name columns and events in the words the template's header uses.
  '../../../shared/i18n/locales/*/{common,auth,errors,portal,office,guide,policy,residence,review,entitlements,permit,verify,permitReview,houseWatch,landlord,agency,organisations,sheet}.json',
  { import: 'default' },
);

const localeBackend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = translationFiles[`../../../shared/i18n/locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`no translation file ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (resources) => callback(null, resources),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export function storedLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : undefined;
  } catch {
    // Storage can be disabled (private mode, embedded web views); the choice is then per visit.
    return undefined;
  }
}

/** The user's earlier choice, else the browser's languages, else zh-CN. */
export function initialLanguage(): Language {
  return storedLanguage() ?? pickLanguage(navigator.languages.join(','));
}

export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
}

export async function createI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance();
  instance.use(localeBackend).use(initReactI18next);
  instance.on('languageChanged', (next: string) => {
    applyDocumentLanguage(pickLanguage(next));
  });
  await instance.init({
    lng: language,
    // Every language has every key (test/unit/i18n checks it), so a fallback would only cost a download.
    fallbackLng: false,
    supportedLngs: LANGUAGES,
    load: 'currentOnly',
    ns: [...STARTUP_NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    react: { useSuspense: true },
  });
  return instance;
}

/** Switches language and remembers the choice for the next visit. */
export async function chooseLanguage(instance: I18n, language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See storedLanguage: without storage the choice lasts until the page is closed.
  }
  await instance.changeLanguage(language);
}

