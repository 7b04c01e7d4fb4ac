/**
 * Chinese working days: Monday to Friday, except statutory holidays, plus the weekend days the State
 * Council makes working days to bridge a holiday (调休). The years the maintained `chinese-days`
 * dataset covers come from it; a year's official notice can be added as data (an
 * `OfficialYearCalendar` JSON file) without a release, and it wins over the dataset for its year.
 * A date in a year neither covers is decided by weekends alone, and every answer says so.
 */
import * as z from 'zod';
import dataset from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isIsoDate, weekday, yearOf, type IsoDate } from './civil-time.ts';

const dateInYear = z.string().refine(isIsoDate, 'validation.isoDate');

/** One year's official holiday arrangement (国务院办公厅关于 N 年部分节假日安排的通知) as data. */
export const officialYearCalendar = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The notice it was copied from, for the reviewer. */
    source: z.string().min(1),
    /** Days off that would otherwise be working days (the statutory holidays and bridging days). */
    holidays: z.array(dateInYear),
    /** Saturdays and Sundays worked to bridge a holiday. */
    workdays: z.array(dateInYear),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    for (const date of [...calendar.holidays, ...calendar.workdays]) {
      if (yearOf(date) !== calendar.year) ctx.addIssue({ code: 'custom', message: 'validation.calendarYear', input: date });
    }
  });
export type OfficialYearCalendar = z.infer<typeof officialYearCalendar>;

export interface DayInfo {
  working: boolean;
  /** True when the year is not covered and only weekends were taken as rest days. */
  assumedWeekendsOnly: boolean;
}

export interface WorkingCalendar {
  dayInfo(date: IsoDate): DayInfo;
  isWorkingDay(date: IsoDate): boolean;
  covers(year: number): boolean;
  /** The years covered, ascending. */
  years(): number[];
  /** A calendar that also knows these official years (each replaces any data for its year). */
  withOfficialYears(...years: OfficialYearCalendar[]): WorkingCalendar;
}

interface YearDays {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
}

function buildCalendar(byYear: ReadonlyMap<number, YearDays>): WorkingCalendar {
  const dayInfo = (date: IsoDate): DayInfo => {
    const year = byYear.get(yearOf(date));
    const day = weekday(date);
    const weekend = day === 0 || day === 6;
    if (!year) return { working: !weekend, assumedWeekendsOnly: true };
    if (year.holidays.has(date)) return { working: false, assumedWeekendsOnly: false };
    if (year.workdays.has(date)) return { working: true, assumedWeekendsOnly: false };
    return { working: !weekend, assumedWeekendsOnly: false };
  };
  return {
    dayInfo,
    isWorkingDay: (date) => dayInfo(date).working,
    covers: (year) => byYear.has(year),
    years: () => [...byYear.keys()].sort((a, b) => a - b),
    withOfficialYears: (...years) => {
      const next = new Map(byYear);
      for (const raw of years) {
        const official = officialYearCalendar.parse(raw);
        next.set(official.year, { holidays: new Set(official.holidays), workdays: new Set(official.workdays) });
      }
      return buildCalendar(next);
    },
  };
}

/** The calendar from the `chinese-days` dataset (holidays and make-up working days by date). */
function datasetCalendar(): WorkingCalendar {
  const byYear = new Map<number, { holidays: Set<IsoDate>; workdays: Set<IsoDate> }>();
  const yearDays = (date: IsoDate) => {
    const year = yearOf(date);
    let days = byYear.get(year);
    if (!days) byYear.set(year, (days = { holidays: new Set(), workdays: new Set() }));
    return days;
  };
  for (const date of Object.keys(dataset.holidays)) yearDays(date).holidays.add(date);
  for (const date of Object.keys(dataset.workdays)) yearDays(date).workdays.add(date);
  return buildCalendar(byYear);
}

export const chineseWorkingCalendar: WorkingCalendar = datasetCalendar();
