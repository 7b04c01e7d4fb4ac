import type { TFunction } from 'i18next';
import type { Language } from '#shared/i18n/languages';

/*
 * Browsers ship trimmed locale data: Chromium, for one, has no Uyghur dates or lists, and Intl then
 * silently formats in the browser's own language (a Chinese date inside Uyghur text). Where the
 * language is missing, the pattern comes from our translations instead.
 */
const supportsDates = (language: Language) => Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0;

/** A date with its weekday, e.g. 2026年11月22日星期日 / Sunday 22 November 2026. */
export function formatLongDate(date: Date, language: Language, t: TFunction): string {
  if (supportsDates(language)) return new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(date);
  const weekdays = [
    t('common:weekday.sunday'),
    t('common:weekday.monday'),
    t('common:weekday.tuesday'),
    t('common:weekday.wednesday'),
    t('common:weekday.thursday'),
    t('common:weekday.friday'),
    t('common:weekday.saturday'),
  ];
  return t('common:date.long', {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    weekday: weekdays[date.getDay()],
  });
}

/**
 * Items joined as the language joins a list of names (、 in Chinese, ، in Uyghur, commas in English),
 * always from our translations: Intl's "unit" lists run Chinese names together with no separator at
 * all (居民身份证住所证明), and Chromium claims Uyghur lists but answers with English commas.
 */
export function formatList(items: readonly string[], _language: Language, t: TFunction): string {
  return items.join(t('common:list.separator'));
}
