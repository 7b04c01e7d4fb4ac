/**
 * An organisation's reports under every pack, table-driven: which of the pack's rules govern each
 * event an organisation reports, each rule's last day, and on time on that day versus late the day
 * after. The table is the specification (POLICY.md section 3): a pack that gains or loses an
 * employer, agency or market rule must change here.
 *
 * The event is on Wednesday 30 September 2026, the day before the National Day holiday (1–7
 * October off; Saturday 10 October a make-up working day).
 */
import { describe, expect, it } from 'vitest';
import { chineseWorkingCalendar } from '#shared/policy/calendar';
import { addDays, endOfDay, startOfDay } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import { PACK_IDS, type PackId } from '#shared/policy/schema';
import { EVENTS_OF, ORGANISATION_TYPES, type OrganisationType, type RowEvent } from '#shared/agency/organisation';
import { ORGANISATION_RULES, organisationReportTiming } from '#shared/agency/reporting';

const DAY = '2026-09-30';
const calendar = chineseWorkingCalendar;

type Report = `${OrganisationType}.${RowEvent}`;
/** Per pack, each report that has deadlines: [rule path, last day] in the order they fall due. Unlisted reports have none. */
const EXPECTED: Record<PackId, Partial<Record<Report, [string, string][]>>> = {
  // 居住证暂行条例 leaves third parties' reports to local rules.
  national: {},
  liaoning: {
    // Art.14: 7 days reach 7 October, a holiday: the period ends on the next working day.
    'employer.hire': [['employer.reportHire', '2026-10-08']],
    'constructionSite.hire': [['employer.reportHire', '2026-10-08']],
    'housingAgency.placement': [['agency.reportPlacement', '2026-10-08']],
    'jobAgency.placement': [['agency.reportPlacement', '2026-10-08']],
    'housingAgency.moveIn': [['landlord.reportMoveIn', '2026-10-08']],
  },
  xinjiang: {
    // Item 19: the employer that houses the worker registers them on hiring, and reports within 3 working days.
    'employer.hire': [
      ['employer.registerWithin', '2026-09-30'],
      ['employer.reportHire', '2026-10-10'],
    ],
    'constructionSite.hire': [
      ['employer.registerWithin', '2026-09-30'],
      ['employer.reportHire', '2026-10-10'],
    ],
    'housingAgency.moveIn': [
      ['landlord.registerWithin', '2026-09-30'],
      ['landlord.reportMoveIn', '2026-10-10'],
    ],
  },
  datong: {
    // Art.14–16: 10 days reach Saturday 10 October, a make-up working day; agencies register within 24 hours, counted from the end of the event's day when only its date is known.
    'employer.hire': [['employer.reportHire', '2026-10-10']],
    'employer.termination': [['employer.reportTermination', '2026-10-10']],
    'constructionSite.hire': [['employer.reportHire', '2026-10-10']],
    'constructionSite.termination': [['employer.reportTermination', '2026-10-10']],
    'constructionSite.moveIn': [['market.reportArrival', '2026-10-10']],
    'housingAgency.placement': [
      ['agency.registerWithin', '2026-10-01'],
      ['agency.reportPlacement', '2026-10-10'],
    ],
    'jobAgency.placement': [
      ['agency.registerWithin', '2026-10-01'],
      ['agency.reportPlacement', '2026-10-10'],
    ],
    'housingAgency.moveIn': [
      ['landlord.registerWithin', '2026-10-01'],
      ['landlord.reportMoveIn', '2026-10-10'],
    ],
    'housingAgency.moveOut': [['landlord.reportMoveOut', '2026-10-10']],
    'marketOperator.moveIn': [['market.reportArrival', '2026-10-10']],
  },
  ningxia: {
    // Art.12–15: 3 working days are 8, 9 and (make-up Saturday) 10 October.
    'employer.hire': [['employer.reportHire', '2026-10-10']],
    'employer.termination': [['employer.reportTermination', '2026-10-10']],
    'constructionSite.hire': [['employer.reportHire', '2026-10-10']],
    'constructionSite.termination': [['employer.reportTermination', '2026-10-10']],
    'constructionSite.moveIn': [['market.reportArrival', '2026-10-10']],
    'housingAgency.placement': [['agency.reportPlacement', '2026-10-10']],
    'jobAgency.placement': [['agency.reportPlacement', '2026-10-10']],
    'housingAgency.moveIn': [['landlord.reportMoveIn', '2026-10-10']],
    'housingAgency.moveOut': [['landlord.reportMoveOut', '2026-10-10']],
    'marketOperator.moveIn': [['market.reportArrival', '2026-10-10']],
  },
};

const REPORTS = ORGANISATION_TYPES.flatMap((type) => EVENTS_OF[type].map((event) => [type, event] as const));

describe('every event an organisation reports has its rules named', () => {
  it.each(REPORTS)('%s reports %s', (type, event) => {
    expect(ORGANISATION_RULES[type][event]).toBeDefined();
  });
});

describe.each(PACK_IDS.map((id) => [id] as const))('%s', (id) => {
  const pack = packById(id);

  it.each(REPORTS)('%s %s: the deadlines of its regulation', (type, event) => {
    const timing = organisationReportTiming(pack, type, event, DAY, { calendar });
    expect(timing.deadlines.map((d) => [d.path, d.lastDay])).toEqual(EXPECTED[id][`${type}.${event}`] ?? []);
    for (const deadline of timing.deadlines) expect(deadline.citation.quote ?? deadline.citation.article).toBeTruthy();
  });

  it.each(REPORTS)('%s %s: on time on the last day, late the day after', (type, event) => {
    const expected = EXPECTED[id][`${type}.${event}`] ?? [];
    const last = expected.at(-1)?.[1];
    if (!last) {
      // No deadline: a report is never late, however long after the event.
      expect(organisationReportTiming(pack, type, event, DAY, { calendar, filedAt: startOfDay('2027-09-30') }).filing).toBe('onTime');
      return;
    }
    const filedOnLastDay = new Date(endOfDay(last).getTime() - 1);
    const onTime = organisationReportTiming(pack, type, event, DAY, { calendar, filedAt: filedOnLastDay });
    // A registration step due on the event day itself is already missed on a later day.
    const earliest = expected[0]![1];
    expect(onTime.filing).toBe(earliest === last ? 'onTime' : 'late');
    const onFirstDue = organisationReportTiming(pack, type, event, DAY, { calendar, filedAt: new Date(endOfDay(earliest).getTime() - 1) });
    expect(onFirstDue.filing).toBe('onTime');
    const late = organisationReportTiming(pack, type, event, DAY, { calendar, filedAt: startOfDay(addDays(last, 1)) });
    expect(late.filing).toBe('late');
    expect(late.governing?.path).toBe(expected[0]![0]);
  });
});
