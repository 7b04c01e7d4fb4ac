/**
 * How many working days an officer has left to act on a declaration: the queue shows it next to
 * each row so the oldest deadline is handled first.
 */
import { addDays, daysBetween, yearOf, type IsoDate } from '#shared/policy/civil-time';
import type { WorkingCalendar } from '#shared/policy/calendar';

/**
 * Per calendar and year, the running count of working days from 1 January through each day. A
 * queue page has rows up to years overdue; walking the calendar day by day for each row cost tens
 * of milliseconds a page, a difference of two counts costs nothing. Keyed weakly by calendar, as a
 * calendar with newly loaded official years is a new object.
 */
const runningCounts = new WeakMap<WorkingCalendar, Map<number, Uint16Array>>();

function countsOf(calendar: WorkingCalendar, year: number): Uint16Array {
  let years = runningCounts.get(calendar);
  if (!years) runningCounts.set(calendar, (years = new Map()));
  let counts = years.get(year);
  if (!counts) {
    const first = `${String(year).padStart(4, '0')}-01-01`;
    const length = daysBetween(first, `${String(year + 1).padStart(4, '0')}-01-01`);
    counts = new Uint16Array(length);
    let running = 0;
    for (let i = 0; i < length; i++) counts[i] = running += calendar.isWorkingDay(addDays(first, i)) ? 1 : 0;
    years.set(year, counts);
  }
  return counts;
}

/** Working days from 1 January of the date's year through the date. */
function throughDay(calendar: WorkingCalendar, date: IsoDate): number {
  const year = yearOf(date);
  return countsOf(calendar, year)[daysBetween(`${String(year).padStart(4, '0')}-01-01`, date)]!;
}

/** Working days in (from, to], both Shanghai dates, from ≤ to. */
function workingDaysAfter(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  let count = throughDay(calendar, to) - throughDay(calendar, from);
  for (let year = yearOf(from); year < yearOf(to); year++) count += countsOf(calendar, year).at(-1)!;
  return count;
}

/**
 * Working days from `today` to `lastDay`: 0 when the last day is today, the working days still to
 * come after today when it is later, negative when it has passed. Rest days are not counted, so
 * a deadline after a long holiday is no nearer for the holiday.
 *
 * Once the last day is over the item is late even before the next working day comes, so an
 * overdue item is never 0: the Saturday after a Friday deadline is −1, as is the Monday after it.
 */
export function workingDaysLeft(today: IsoDate, lastDay: IsoDate, calendar: WorkingCalendar): number {
  if (today === lastDay) return 0;
  if (today < lastDay) return workingDaysAfter(today, lastDay, calendar);
  return -Math.max(1, workingDaysAfter(lastDay, today, calendar));
}
