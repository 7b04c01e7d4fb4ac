/**
 * A third party's report (a landlord's, an employer's, an agency's): every deadline the pack sets
 * for it, in the order they fall due, each judged at the instant the report is filed. Penalties and
 * credit records depend on lateness, so the filing instant is kept with the answer.
 */
import type { WorkingCalendar } from './calendar.ts';
import { endOfDay, startOfDay, type IsoDate } from './civil-time.ts';
import { deadlineFor, ruleAt, type Deadline, type RulePath } from './deadlines.ts';
import type { PolicyPack } from './schema.ts';

export interface ReportDeadline extends Deadline {
  path: RulePath;
}

export interface ReportTiming {
  /** Every deadline the pack sets for this report, each judged at the filing instant. Empty when it sets none. */
  deadlines: ReportDeadline[];
  /** Late when any deadline was missed; on time when none was (or none applies). */
  filing: 'onTime' | 'late';
  /** The deadline that decides: the first one missed, else the last one (the report's own). */
  governing?: ReportDeadline;
}

/**
 * The instant a rule counts from. A period in hours runs from the exact instant of the event; when
 * only its date is known, the person gets the benefit of the doubt: the hours count from the end
 * of that day (a move-in "on 6 December" may have been at 23:59), so no verdict calls a report
 * late that the facts cannot show to be. Periods in days do not count the event's day at all.
 */
function countedFrom(pack: PolicyPack, path: RulePath, eventDate: IsoDate, eventAt: Date | undefined): Date {
  if (eventAt) return eventAt;
  const rule = ruleAt(pack, path);
  return rule?.kind === 'after' && rule.within.unit === 'hours' ? endOfDay(eventDate) : startOfDay(eventDate);
}

/**
 * The deadlines at `paths` for an event on `eventDate` (Asia/Shanghai) — at `eventAt` when its
 * time is known — judged at `filedAt` when given (else at the end of time, i.e. only the dates are
 * wanted).
 */
export function reportTimingOf(
  pack: PolicyPack,
  paths: readonly RulePath[],
  eventDate: IsoDate,
  options: { filedAt?: Date; calendar?: WorkingCalendar; eventAt?: Date } = {},
): ReportTiming {
  const deadlines: ReportDeadline[] = [];
  for (const path of paths) {
    const deadline = deadlineFor(pack, path, countedFrom(pack, path, eventDate, options.eventAt), options);
    if (deadline) deadlines.push({ ...deadline, path });
  }
  const missed = deadlines.find((d) => d.filing === 'late');
  return {
    deadlines,
    filing: missed ? 'late' : 'onTime',
    ...(missed || deadlines.length > 0 ? { governing: missed ?? deadlines[deadlines.length - 1] } : {}),
  };
}
