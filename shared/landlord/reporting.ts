/**
 * The landlord's reporting duties for a tenancy, from the pack: which deadlines apply to a move-in
 * or move-out report, whether a report filed at an instant is on time, when an unanswered
 * confirmation request goes to the officer, and what lateness can cost (the pack's fines, never an
 * invented figure).
 *
 * In the portal, registering a tenant and reporting them to the station are one act: the landlord's
 * report. A pack that counts the report from the landlord's own registration (Liaoning, Xinjiang)
 * is counted from the move-in day, the earliest day the landlord could have registered, so a report
 * made weeks after the move-in is seen as late. With only a date for the move-in, a period in hours
 * (Datong's 24 hours) runs from 00:00 of that day: the deadline shown is never later than the law's.
 */
import type { WorkingCalendar } from '../policy/calendar.ts';
import { shanghaiDate, startOfDay, type IsoDate } from '../policy/civil-time.ts';
import { deadlineFor, type RulePath } from '../policy/deadlines.ts';
import { reportTimingOf } from '../policy/report-timing.ts';

export type { ReportDeadline, ReportTiming } from '../policy/report-timing.ts';
import type { FineRule, PolicyPack } from '../policy/schema.ts';

export type TenancyEventKind = 'moveIn' | 'moveOut';

/** The pack's rules for each report, in the order they fall due (registration before reporting). */
export const REPORT_RULES: Record<TenancyEventKind, readonly RulePath[]> = {
  moveIn: ['landlord.registerWithin', 'landlord.reportMoveIn'],
  moveOut: ['landlord.reportMoveOut'],
};

/** The deadlines of a landlord's report of `kind` for an event on `eventDate`; see `reportTimingOf`. */
export const reportTiming = (pack: PolicyPack, kind: TenancyEventKind, eventDate: IsoDate, options: Parameters<typeof reportTimingOf>[3] = {}) =>
  reportTimingOf(pack, REPORT_RULES[kind], eventDate, options);

/**
 * When a confirmation request nobody answered goes to the station's officer: when the landlord's
 * report of the move-in falls due (the pack's reporting deadline), else when the tenant's own
 * registration falls due; a pack that sets neither sends it to the officer at once (`requestedAt`),
 * so a request never waits on a deadline the regulation does not set.
 */
export function confirmationDue(pack: PolicyPack, moveInDate: IsoDate, requestedAt: Date, calendar?: WorkingCalendar): Date {
  const event = startOfDay(moveInDate);
  const options = calendar ? { calendar } : {};
  const report = deadlineFor(pack, 'landlord.reportMoveIn', event, options) ?? deadlineFor(pack, 'registration.deadline', event, options);
  if (!report) return requestedAt;
  return report.due > requestedAt ? report.due : requestedAt;
}

/**
 * The last day (Asia/Shanghai) on which an answer to a request due at `confirmBy` (ISO, the first
 * instant that is too late) is still in time: how lists and pages show that deadline.
 */
export const confirmationLastDay = (confirmBy: string): IsoDate => shanghaiDate(new Date(Date.parse(confirmBy) - 1));

const LANDLORD_OFFENCES: readonly FineRule['offence'][] = ['notReported', 'lateOrFalseReport'];

/**
 * What the pack says a landlord's missed report can cost: its landlord fines for not reporting or
 * reporting late; where the regulation names no landlord (Xinjiang fines "individuals" and
 * "organisations"), the fines of those parties for not reporting. Empty when the pack sets none.
 */
export function lateReportFines(pack: PolicyPack): FineRule[] {
  const fines = (pack.fines ?? []).filter((f) => LANDLORD_OFFENCES.includes(f.offence));
  const landlord = fines.filter((f) => f.party === 'landlord');
  if (landlord.length > 0) return landlord;
  return fines.filter((f) => f.offence === 'notReported' && (f.party === 'individual' || f.party === 'organisation'));
}
