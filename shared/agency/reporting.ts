/**
 * Which of the pack's rules govern an organisation's report of an event (POLICY.md section 3):
 * an employer's hire and termination, an agency's placement, a market's arrival, and the move-in
 * and move-out a housing agency reports as the landlord's agent. Where the pack sets a registration
 * step before the report (Xinjiang: the employer registers the worker on hiring), both are judged.
 */
import type { WorkingCalendar } from '../policy/calendar.ts';
import type { IsoDate } from '../policy/civil-time.ts';
import type { RulePath } from '../policy/deadlines.ts';
import { reportTimingOf, type ReportTiming } from '../policy/report-timing.ts';
import type { PolicyPack } from '../policy/schema.ts';
import { REPORT_RULES as LANDLORD_RULES } from '../landlord/reporting.ts';
import type { OrganisationType, RowEvent } from './organisation.ts';

const EMPLOYER: Partial<Record<RowEvent, readonly RulePath[]>> = {
  hire: ['employer.registerWithin', 'employer.reportHire'],
  termination: ['employer.reportTermination'],
};

/** The rules of each organisation's report of each event it reports; an empty list when the pack has none. */
export const ORGANISATION_RULES: Readonly<Record<OrganisationType, Partial<Record<RowEvent, readonly RulePath[]>>>> = {
  employer: EMPLOYER,
  constructionSite: { ...EMPLOYER, moveIn: ['market.registerWithin', 'market.reportArrival'], moveOut: [] },
  housingAgency: { placement: ['agency.registerWithin', 'agency.reportPlacement'], ...LANDLORD_RULES },
  jobAgency: { placement: ['agency.registerWithin', 'agency.reportPlacement'] },
  marketOperator: { moveIn: ['market.registerWithin', 'market.reportArrival'], moveOut: [] },
};

/** The deadlines of an organisation's report of `event` on `eventDate`, judged at `filedAt` when given. */
export function organisationReportTiming(
  pack: PolicyPack,
  type: OrganisationType,
  event: RowEvent,
  eventDate: IsoDate,
  options: { filedAt?: Date; calendar?: WorkingCalendar } = {},
): ReportTiming {
  return reportTimingOf(pack, ORGANISATION_RULES[type][event] ?? [], eventDate, options);
}
