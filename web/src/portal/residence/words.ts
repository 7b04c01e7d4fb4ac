import type { TFunction } from 'i18next';
import type { Translate } from '#shared/policy/explain';
import { endOfDay, formatShanghai, shanghaiDate } from '#shared/policy/civil-time';
import { isolateLtr } from '../../i18n/bidi.ts';
import type { Language } from '../../i18n/language.ts';

/**
 * i18next's t for keys built from codes (`residence:codes.ethnicities.05`): its overloads do not admit
 * a key held in a variable, and written out the key would hide the codes from the locale-key scan.
 */
export const translate = (t: TFunction): Translate => t as unknown as Translate;

/** The code lists of `shared/residence/vocabulary.ts`, as they are grouped in the `residence` namespace. */
export type CodeList =
  | 'ethnicities'
  | 'education'
  | 'employment'
  | 'schoolStatuses'
  | 'intendedStays'
  | 'reasons'
  | 'housing'
  | 'returnReasons'
  | 'sexes'
  | 'statuses'
  | 'events'
  | 'filing'
  | 'statusHelp'
  | 'actors';

/** A code in the user's language: `codeLabel(t, 'housing', 'rented')` → 租住房屋. */
export const codeLabel = (t: TFunction, list: CodeList, code: string): string => translate(t)(`residence:codes.${list}.${code}`);

const supportsDates = (language: Language) => Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0;

/** A calendar date (`2026-10-10`) as the language writes it: 2026年10月10日, October 10, 2026. */
export function formatDay(iso: string, language: Language, t: TFunction): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  if (!year || !month || !day) return iso;
  if (supportsDates(language)) {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
  }
  return t('residence:date.day', { year, month, day });
}

/** An instant (ISO, UTC) as its date and time in Asia/Shanghai, the time the station keeps. */
export function formatMoment(instant: string, language: Language, t: TFunction): string {
  const parsed = new Date(instant);
  if (Number.isNaN(parsed.getTime())) return instant;
  const [date, time] = formatShanghai(parsed).split(' ') as [string, string];
  return t('residence:date.moment', { date: formatDay(date, language, t), time });
}

/**
 * A deadline given as the first instant that is too late: "by 3 December" when it falls at midnight
 * (the whole of 3 December is in time), else its date and time ("4 December 15:00").
 */
export function formatDue(due: string, language: Language, t: TFunction): string {
  const instant = new Date(due);
  if (Number.isNaN(instant.getTime())) return due;
  const lastDay = shanghaiDate(new Date(instant.getTime() - 1));
  return endOfDay(lastDay).getTime() === instant.getTime() ? formatDay(lastDay, language, t) : formatMoment(due, language, t);
}

/** `YYYY-MM-DD` ↔ the local-time Date a date picker shows. */
export const pickerDate = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
};
export const isoFromPicker = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** 1.2 MB, 340 KB: file sizes as the upload field shows them, kept left to right inside Uyghur text. */
export function formatSize(bytes: number, t: TFunction): string {
  if (bytes >= 1024 * 1024) return isolateLtr(t('residence:upload.megabytes', { size: (bytes / (1024 * 1024)).toFixed(1) }));
  return isolateLtr(t('residence:upload.kilobytes', { size: Math.max(1, Math.round(bytes / 1024)) }));
}
