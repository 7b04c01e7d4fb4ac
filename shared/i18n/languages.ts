export const LANGUAGES = ['zh-CN', 'en', 'ug'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Uyghur is written right to left in Arabic script. */
export const RTL_LANGUAGES: readonly Language[] = ['ug'];
export const isRtl = (language: Language) => RTL_LANGUAGES.includes(language);

/** Picks the best supported language from an Accept-Language header or a stored preference. */
export function pickLanguage(preference: string | undefined | null): Language {
  if (!preference) return DEFAULT_LANGUAGE;
  const wanted = preference
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
  for (const tag of wanted) {
    const exact = LANGUAGES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const base = tag.split('-')[0];
    const sameBase = LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === base);
    if (sameBase) return sameBase;
  }
  return DEFAULT_LANGUAGE;
}
