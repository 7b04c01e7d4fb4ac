/**
 * Counting a period as the Civil Code does (第二百条至第二百零四条), which administrative practice
 * also follows:
 * - a period in hours runs from the exact instant of the event;
 * - a period in days, months or years starts the day after the event (the event day is not counted)
 *   and ends at 24:00 Asia/Shanghai on its last day; months and years end on the corresponding day
 *   (or the month's last day when there is none);
 * - when that last day is a rest day, the period ends on the next working day;
 * - working days count only working days, so they never end on a rest day.
 * Lead times ("at least 30 days before expiry") and windows ("within the month before each full
 * year") are counted back from their event the same way, without moving to a working day: acting
 * earlier is always possible.
 */
import type { WorkingCalendar } from './calendar.ts';
import { addDays, addMonths, endOfDay, shanghaiDate, startOfDay, type IsoDate } from './civil-time.ts';
import type { Duration } from './schema.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface CountedDay {
  date: IsoDate;
  /** The nominal last day, when it was a rest day and the period moved to the next working day. */
  rolledFrom?: IsoDate;
}

/** Records the years a count had to assume were weekends-only. */
export class CalendarUse {
  readonly assumedYears = new Set<number>();
  constructor(readonly calendar: WorkingCalendar) {}

  isWorkingDay(date: IsoDate): boolean {
    const info = this.calendar.dayInfo(date);
    if (info.assumedWeekendsOnly) this.assumedYears.add(Number(date.slice(0, 4)));
    return info.working;
  }

  nextWorkingDayFrom(date: IsoDate): CountedDay {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day === date ? { date } : { date: day, rolledFrom: date };
  }

  /** The date `count` working days after (or, negative, before) `date`, not counting `date`. */
  shiftWorkingDays(date: IsoDate, count: number): IsoDate {
    const step = count >= 0 ? 1 : -1;
    let day = date;
    for (let left = Math.abs(count); left > 0; ) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }
}

/** The calendar date a period of whole days, months or years reaches, without rest-day rules. */
export function shiftDate(date: IsoDate, period: Duration, direction: 1 | -1, use: CalendarUse): IsoDate {
  const amount = period.amount * direction;
  switch (period.unit) {
    case 'days':
      return addDays(date, amount);
    case 'workingDays':
      return use.shiftWorkingDays(date, amount);
    case 'months':
      return addMonths(date, amount);
    case 'years':
      return addMonths(date, amount * 12);
    case 'hours':
      throw new RangeError('hours are counted from an instant, not a date');
  }
}

export interface PeriodEnd {
  /** The first instant that is too late. */
  due: Date;
  lastDay: IsoDate;
  rolledFrom?: IsoDate;
}

/** The end of a period that starts at an event ("within 7 days of arrival"). */
export function periodAfter(start: Date, period: Duration, use: CalendarUse): PeriodEnd {
  if (period.unit === 'hours') {
    const due = new Date(start.getTime() + period.amount * HOUR_MS);
    return { due, lastDay: shanghaiDate(new Date(due.getTime() - 1)) };
  }
  const nominal = shiftDate(shanghaiDate(start), period, 1, use);
  const last = period.unit === 'workingDays' ? { date: nominal } : use.nextWorkingDayFrom(nominal);
  return { due: endOfDay(last.date), lastDay: last.date, ...(last.rolledFrom ? { rolledFrom: last.rolledFrom } : {}) };
}

/** The latest moment to act when the act must come a lead time before an event. */
export function leadBefore(event: Date, period: Duration, use: CalendarUse): PeriodEnd {
  if (period.unit === 'hours') {
    const due = new Date(event.getTime() - period.amount * HOUR_MS);
    return { due, lastDay: shanghaiDate(new Date(due.getTime() - 1)) };
  }
  const lastDay = shiftDate(shanghaiDate(event), period, -1, use);
  return { due: endOfDay(lastDay), lastDay };
}

/** A window that opens a period before an event and closes at the end of the event's day. */
export function windowBefore(event: Date, period: Duration, use: CalendarUse): PeriodEnd & { opens: Date } {
  const eventDay = shanghaiDate(event);
  const opens =
    period.unit === 'hours'
      ? new Date(event.getTime() - period.amount * HOUR_MS)
      : startOfDay(shiftDate(eventDay, period, -1, use));
  return { opens, due: endOfDay(eventDay), lastDay: eventDay };
}
