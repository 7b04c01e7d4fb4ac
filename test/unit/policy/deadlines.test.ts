/**
 * Every time rule of every pack, applied to one event: 10:00 on Wednesday 30 September 2026, the day
 * before the National Day holiday (1–7 October off; Saturday 10 October a make-up working day).
 * The table is the specification: a rule a pack gains or loses must be added or removed here.
 */
import { describe, expect, it } from 'vitest';
import { chineseWorkingCalendar } from '#shared/policy/calendar';
import { endOfDay, formatShanghai, parseShanghaiInstant, startOfDay } from '#shared/policy/civil-time';
import { deadlineFor, filingStatus, RULE_PATHS, ruleAt, type RulePath } from '#shared/policy/deadlines';
import { policyPacks, packById } from '#shared/policy/registry';
import { PACK_IDS, type PackId } from '#shared/policy/schema';

const EVENT = parseShanghaiInstant('2026-09-30T10:00')!;

/** Expected: the last day (`YYYY-MM-DD`), or the exact instant for hour rules; `opens` for windows. */
type Expected = string | { lastDay: string; opens: string };

const NATIONAL_PERMIT = {
  'permit.issueWithin': '2026-10-15',
  'permit.remoteIssueWithin': '2026-10-30',
  'permit.endorsement.windowBefore': { lastDay: '2026-09-30', opens: '2026-08-30' },
} as const;

const EXPECTED: Record<PackId, Partial<Record<RulePath, Expected>>> = {
  national: NATIONAL_PERMIT,
  liaoning: {
    // 7 days reach 7 October, a holiday: the period ends on the next working day.
    'registration.deadline': '2026-10-08',
    'registration.changeDeadline': '2026-10-08',
    'landlord.reportMoveIn': '2026-10-08',
    'employer.reportHire': '2026-10-08',
    'agency.reportPlacement': '2026-10-08',
    'permit.renewBefore': '2026-08-31',
    ...NATIONAL_PERMIT,
  },
  xinjiang: {
    // 3 working days: 8, 9 and (the make-up Saturday) 10 October.
    'registration.deadline': '2026-10-10',
    'registration.changeDeadline': '2026-10-10',
    'landlord.registerWithin': '2026-09-30',
    'landlord.reportMoveIn': '2026-10-10',
    'employer.registerWithin': '2026-09-30',
    'employer.reportHire': '2026-10-10',
    'institution.reportRegistration': '2026-10-10',
    ...NATIONAL_PERMIT,
  },
  datong: {
    // 10 days reach 10 October, a make-up working day: it stays.
    'registration.deadline': '2026-10-10',
    'registration.changeDeadline': '2026-10-10',
    'institution.reportRegistration': '2026-10-20',
    'landlord.registerWithin': '2026-10-01 10:00',
    'landlord.reportMoveIn': '2026-10-10',
    'landlord.reportMoveOut': '2026-10-10',
    'agency.registerWithin': '2026-10-01 10:00',
    'agency.reportPlacement': '2026-10-10',
    'employer.reportHire': '2026-10-10',
    'employer.reportTermination': '2026-10-10',
    'market.reportArrival': '2026-10-10',
    'permit.issueWithin': '2026-10-10',
    'permit.remoteIssueWithin': '2026-10-15',
    'permit.renewBefore': '2026-08-31',
    'permit.endorsement.windowBefore': { lastDay: '2026-09-30', opens: '2026-08-31' },
    'permit.cancellation.beforeLeaving': { lastDay: '2026-09-30', opens: '2026-09-20' },
  },
  ningxia: {
    'landlord.reportMoveIn': '2026-10-10',
    'landlord.reportMoveOut': '2026-10-10',
    'employer.reportHire': '2026-10-10',
    'employer.reportTermination': '2026-10-10',
    'agency.reportPlacement': '2026-10-10',
    'market.reportArrival': '2026-10-10',
    ...NATIONAL_PERMIT,
  },
};

const cases = PACK_IDS.flatMap((pack) => RULE_PATHS.map((path) => [pack, path, EXPECTED[pack][path]] as const));

describe.each(cases)('%s %s', (packId, path, expected) => {
  const pack = packById(packId);
  if (expected === undefined) {
    it('is not set, not even by inheritance', () => {
      expect(ruleAt(pack, path)).toBeUndefined();
      expect(deadlineFor(pack, path, EVENT)).toBeUndefined();
    });
    return;
  }
  it(`is due ${JSON.stringify(expected)}`, () => {
    const deadline = deadlineFor(pack, path, EVENT)!;
    expect(deadline).toBeDefined();
    expect(deadline.assumedWeekendsOnly).toEqual([]);
    expect(deadline.citation.quote.length).toBeGreaterThan(3);
    if (typeof expected === 'object') {
      expect(deadline.lastDay).toBe(expected.lastDay);
      expect(deadline.opens).toEqual(startOfDay(expected.opens));
      expect(deadline.due).toEqual(endOfDay(expected.lastDay));
    } else if (expected.includes(' ')) {
      expect(formatShanghai(deadline.due)).toBe(expected);
    } else {
      expect(deadline.lastDay).toBe(expected);
      expect(deadline.due).toEqual(endOfDay(expected));
    }
  });
});

describe('every time rule a pack writes can be reached by a rule path', () => {
  const paths = (node: unknown, prefix: string[] = []): string[] => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
    if ('kind' in node && 'citation' in node && ['after', 'at', 'before', 'window'].includes(String(node.kind))) {
      return [prefix.join('.')];
    }
    return Object.entries(node).flatMap(([key, value]) => paths(value, [...prefix, key]));
  };
  it.each(PACK_IDS)('%s', (id) => {
    const written = paths(policyPacks().byId.get(id));
    expect(written.filter((path) => !(RULE_PATHS as readonly string[]).includes(path))).toEqual([]);
    expect(written.sort()).toEqual(Object.keys(EXPECTED[id]).sort());
  });
});

describe('the examples of the issue', () => {
  const arrival = parseShanghaiInstant('2026-09-30')!;
  it('Xinjiang: registration on arrival 2026-09-30 is due 2026-10-10 (holidays off, make-up Saturday on)', () => {
    expect(deadlineFor(packById('xinjiang'), 'registration.deadline', arrival)!.lastDay).toBe('2026-10-10');
  });
  it('Liaoning: 7 days from 2026-09-30 end on 2026-10-08 (the 7th falls in the holiday)', () => {
    const deadline = deadlineFor(packById('liaoning'), 'registration.deadline', arrival)!;
    expect(deadline).toMatchObject({ lastDay: '2026-10-08', rolledFrom: '2026-10-07' });
  });
  it('Datong: a landlord registers within 24 hours and reports within 10 days', () => {
    const moveIn = parseShanghaiInstant('2026-11-20T18:45')!;
    expect(formatShanghai(deadlineFor(packById('datong'), 'landlord.registerWithin', moveIn)!.due)).toBe('2026-11-21 18:45');
    expect(deadlineFor(packById('datong'), 'landlord.reportMoveIn', moveIn)!.lastDay).toBe('2026-11-30');
  });
});

describe('filing on time', () => {
  const deadline = deadlineFor(packById('xinjiang'), 'registration.deadline', EVENT)!;
  it.each([
    ['2026-10-10T23:59', 'onTime'],
    ['2026-10-11T00:00', 'late'],
    ['2026-09-30T10:00', 'onTime'],
  ] as const)('filed %s is %s', (filed, status) => {
    expect(filingStatus(deadline, parseShanghaiInstant(filed)!)).toBe(status);
    expect(deadlineFor(packById('xinjiang'), 'registration.deadline', EVENT, { filedAt: parseShanghaiInstant(filed)! })!.filing).toBe(status);
  });
  it('a window is early before it opens', () => {
    const window = deadlineFor(packById('datong'), 'permit.endorsement.windowBefore', parseShanghaiInstant('2027-03-01')!)!;
    expect(filingStatus(window, parseShanghaiInstant('2027-01-29T12:00')!)).toBe('early');
    expect(filingStatus(window, parseShanghaiInstant('2027-01-30T00:00')!)).toBe('onTime');
    expect(filingStatus(window, parseShanghaiInstant('2027-03-02T00:00')!)).toBe('late');
  });
});

describe('the server time zone does not matter', () => {
  it('an arrival late in the Shanghai evening counts from that Shanghai day', () => {
    // 23:30 in Shanghai is 15:30 UTC the same day; 00:30 Shanghai on 1 October is still 30 September in UTC.
    const lateEvening = new Date('2026-09-30T15:30:00Z');
    const afterMidnight = new Date('2026-09-30T16:30:00Z');
    expect(deadlineFor(packById('liaoning'), 'registration.deadline', lateEvening)!.lastDay).toBe('2026-10-08');
    expect(deadlineFor(packById('liaoning'), 'registration.deadline', afterMidnight)!.lastDay).toBe('2026-10-08');
    expect(deadlineFor(packById('datong'), 'registration.deadline', afterMidnight)!.lastDay).toBe('2026-10-12');
    expect(deadlineFor(packById('datong'), 'registration.deadline', afterMidnight)!.due.toISOString()).toBe('2026-10-12T16:00:00.000Z');
  });
});

describe('a year the holiday data does not cover', () => {
  it('assumes weekends only and says so', () => {
    const deadline = deadlineFor(packById('xinjiang'), 'registration.deadline', parseShanghaiInstant('2027-09-30')!)!;
    expect(deadline.assumedWeekendsOnly).toEqual([2027]);
    expect(deadline.lastDay).toBe('2027-10-05');
  });
  it('uses an official year calendar loaded as data', () => {
    const calendar = chineseWorkingCalendar.withOfficialYears({
      year: 2027,
      source: 'test notice',
      holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      workdays: ['2027-10-09'],
    });
    const deadline = deadlineFor(packById('xinjiang'), 'registration.deadline', parseShanghaiInstant('2027-09-30')!, { calendar })!;
    expect(deadline.assumedWeekendsOnly).toEqual([]);
    // 8 (Fri), 9 (make-up Sat), 11 (Mon) October.
    expect(deadline.lastDay).toBe('2027-10-11');
  });
});
