/**
 * A third party's report (a landlord's, an employer's, an agency's): every deadline the pack sets
 * for it, in the order they fall due, each judged at the instant the report is filed. Penalties and
 * credit records depend on lateness, so the filing instant is kept with the answer.
 */
import type { WorkingCalendar } from './calendar.ts';
import { startOfDay, type IsoDate } from './civil-time.ts';
import { deadlineFor, type Deadline, type RulePath } from './deadlines.ts';
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
 * The deadlines at `paths` for an event on `eventDate` (Asia/Shanghai), judged at `filedAt` when
 * given (else at the end of time, i.e. only the dates are wanted).
 */
export function reportTimingOf(
  pack: PolicyPack,
  paths: readonly RulePath[],
  eventDate: IsoDate,
  options: { filedAt?: Date; calendar?: WorkingCalendar } = {},
): ReportTiming {
  const event = startOfDay(eventDate);
  const deadlines: ReportDeadline[] = [];
  for (const path of paths) {
    const deadline = deadlineFor(pack, path, event, options);
    if (deadline) deadlines.push({ ...deadline, path });
  }
  const missed = deadlines.find((d) => d.filing === 'late');
  return {
    deadlines,
    filing: missed ? 'late' : 'onTime',
    ...(missed || deadlines.length > 0 ? { governing: missed ?? deadlines[deadlines.length - 1] } : {}),
  };
}
