/**
 * Calendar dates and instants as Chinese law counts them. A legal day runs from 00:00 to 24:00
 * Asia/Shanghai whatever the server's time zone; China has kept UTC+8 without daylight saving since
 * 1991, so the offset is a constant and no time-zone database is needed (browsers ship trimmed ones).
 */

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type IsoDate = string;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const utcMidnight = (date: IsoDate) => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
};

const fromUtcMidnight = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return match !== null && fromUtcMidnight(utcMidnight(value)) === value;
}

/** The Shanghai calendar date an instant falls on. */
export const shanghaiDate = (instant: Date): IsoDate => fromUtcMidnight(instant.getTime() + SHANGHAI_OFFSET_MS);

/** 00:00 Asia/Shanghai at the start of a date. */
export const startOfDay = (date: IsoDate): Date => new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS);

/** 24:00 Asia/Shanghai at the end of a date, i.e. the first instant that is too late. */
export const endOfDay = (date: IsoDate): Date => new Date(utcMidnight(date) + DAY_MS - SHANGHAI_OFFSET_MS);

export const addDays = (date: IsoDate, days: number): IsoDate => fromUtcMidnight(utcMidnight(date) + days * DAY_MS);

export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);

/**
 * Civil Code Art. 202: a period in months or years ends on the corresponding day of the last month;
 * when that month has no such day, on its last day (31 January + 1 month → 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(year, month, Math.min(d, lastDay)));
}

export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: IsoDate): number => new Date(utcMidnight(date)).getUTCDay();

export const yearOf = (date: IsoDate): number => parts(date)[0];

/** Whole years between two dates, as ages are counted (the birthday itself completes a year). */
export function wholeYearsBetween(from: IsoDate, to: IsoDate): number {
  let years = yearOf(to) - yearOf(from);
  if (addYears(from, years) > to) years -= 1;
  return years;
}

/** A Shanghai date with an optional `HH:mm` time, as reviewers type it on the command line. */
export function parseShanghaiInstant(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text);
  if (!match || !isIsoDate(match[1]!)) return undefined;
  const hours = Number(match[2] ?? 0);
  const minutes = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  return new Date(startOfDay(match[1]!).getTime() + (hours * 60 + minutes) * 60 * 1000);
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function formatShanghai(instant: Date): string {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}
