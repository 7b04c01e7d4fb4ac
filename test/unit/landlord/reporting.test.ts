/**
 * A landlord's reports under every pack, table-driven: which deadlines apply to a move-in or a
 * move-out, the last day of each, whether a report filed at a given instant is on time, when an
 * unanswered confirmation goes to the officer, and which fines the landlord is shown. The table is
 * the specification: a pack that gains or loses a landlord rule must change here.
 *
 * The event is a move-in (or move-out) on Wednesday 30 September 2026, the day before the National
 * Day holiday (1–7 October off; Saturday 10 October a make-up working day).
 */
import { describe, expect, it } from 'vitest';
import { chineseWorkingCalendar } from '#shared/policy/calendar';
import { endOfDay, parseShanghaiInstant } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import { PACK_IDS, type PackId } from '#shared/policy/schema';
import { confirmationDue, lateReportFines, reportTiming, type TenancyEventKind } from '#shared/landlord/reporting';

const DAY = '2026-09-30';
const calendar = chineseWorkingCalendar;

interface Expected {
  /** Each deadline's rule path and last day, in the order they fall due. */
  moveIn: [string, string][];
  moveOut: [string, string][];
  /** The fines a landlord is shown: party, min–max yuan. */
  fines: [string, number | undefined, number | undefined][];
}

const EXPECTED: Record<PackId, Expected> = {
  // 居住证暂行条例 leaves reporting to local rules and sets no landlord fine.
  national: { moveIn: [], moveOut: [], fines: [] },
  liaoning: {
    // 7 days reach 7 October, a holiday: the period ends on the next working day.
    moveIn: [['landlord.reportMoveIn', '2026-10-08']],
    moveOut: [],
    fines: [['landlord', 200, 500]],
  },
  xinjiang: {
    // Register at the move-in itself; report within 3 working days: 8, 9 and (make-up Saturday) 10 October.
    moveIn: [
      ['landlord.registerWithin', '2026-09-30'],
      ['landlord.reportMoveIn', '2026-10-10'],
    ],
    moveOut: [],
    // Item 26 fines individuals and organisations, not "landlords" by name.
    fines: [
      ['individual', 50, 200],
      ['organisation', 500, 1000],
    ],
  },
  datong: {
    // 24 hours from the end of the move-in day (only its date is known); 10 days reach 10 October, a working day.
    moveIn: [
      ['landlord.registerWithin', '2026-10-01'],
      ['landlord.reportMoveIn', '2026-10-10'],
    ],
    moveOut: [['landlord.reportMoveOut', '2026-10-10']],
    fines: [['landlord', 100, 300]],
  },
  ningxia: {
    moveIn: [['landlord.reportMoveIn', '2026-10-10']],
    moveOut: [['landlord.reportMoveOut', '2026-10-10']],
    fines: [['landlord', 200, 1000]],
  },
};

const lastDays = (kind: TenancyEventKind, pack: PackId) =>
  reportTiming(packById(pack), kind, DAY, { calendar }).deadlines.map((d) => [d.path, d.lastDay]);

describe.each(PACK_IDS.map((id) => [id] as const))('%s', (id) => {
  const pack = packById(id);
  const expected = EXPECTED[id];

  it('sets the move-in and move-out deadlines of its regulation', () => {
    expect(lastDays('moveIn', id)).toEqual(expected.moveIn);
    expect(lastDays('moveOut', id)).toEqual(expected.moveOut);
  });

  it.each(['moveIn', 'moveOut'] as const)('judges a %s report on its last day on time and the next day late', (kind) => {
    const rules = expected[kind];
    if (rules.length === 0) {
      const timing = reportTiming(pack, kind, DAY, { calendar, filedAt: parseShanghaiInstant('2027-06-01T09:00')! });
      expect(timing).toMatchObject({ deadlines: [], filing: 'onTime' });
      expect(timing.governing).toBeUndefined();
      return;
    }
    const lastDay = rules[rules.length - 1]![1];
    // Filed at the last instant that counts for the report's own deadline, after any earlier one.
    const inTime = reportTiming(pack, kind, DAY, { calendar, filedAt: new Date(endOfDay(rules[0]![1]).getTime() - 1) });
    expect(inTime.filing).toBe('onTime');
    expect(inTime.governing?.lastDay).toBe(lastDay);
    const late = reportTiming(pack, kind, DAY, { calendar, filedAt: endOfDay(lastDay) });
    expect(late.filing).toBe('late');
  });

  it('shows the fines the pack sets for a landlord, with their citations', () => {
    const fines = lateReportFines(pack);
    expect(fines.map((f) => [f.party, f.amount?.min, f.amount?.max])).toEqual(expected.fines);
    for (const fine of fines) expect(fine.citation.quote.length).toBeGreaterThan(3);
  });

  it('sends an unanswered confirmation to the officer when the landlord’s report falls due, or at once', () => {
    const requestedAt = parseShanghaiInstant(`${DAY}T20:00`)!;
    const due = confirmationDue(pack, DAY, requestedAt, calendar);
    const report = expected.moveIn.find(([path]) => path === 'landlord.reportMoveIn');
    expect(due).toEqual(report ? endOfDay(report[1]) : requestedAt);
  });
});

describe('an hour-based deadline (Datong: register within 24 hours of the move-in)', () => {
  const datong = packById('datong');

  it('counts from the end of the move-in day when only its date is known: a report filed the next morning is on time', () => {
    const timing = reportTiming(datong, 'moveIn', DAY, { calendar, filedAt: parseShanghaiInstant('2026-10-01T09:00')! });
    expect(timing.filing).toBe('onTime');
    expect(timing.deadlines[0]!.due).toEqual(new Date(endOfDay(DAY).getTime() + 24 * 3600 * 1000));
  });

  it('counts from the move-in time when it is known: the same filing is then late', () => {
    const timing = reportTiming(datong, 'moveIn', DAY, {
      calendar,
      eventAt: parseShanghaiInstant(`${DAY}T08:00`)!,
      filedAt: parseShanghaiInstant('2026-10-01T09:00')!,
    });
    expect(timing.filing).toBe('late');
    expect(timing.governing?.path).toBe('landlord.registerWithin');
  });

  it('makes the report late when only the first of two deadlines was missed', () => {
    // Registered two days after the move-in, reported well within 10 days.
    const timing = reportTiming(datong, 'moveIn', DAY, { calendar, filedAt: parseShanghaiInstant('2026-10-02T09:00')! });
    expect(timing.filing).toBe('late');
    expect(timing.governing?.path).toBe('landlord.registerWithin');
    expect(timing.deadlines.map((d) => d.filing)).toEqual(['late', 'onTime']);
  });
});

describe('a confirmation asked for after the report was already due', () => {
  it('goes to the officer at once rather than at a past instant', () => {
    const requestedAt = parseShanghaiInstant('2026-12-01T09:00')!;
    expect(confirmationDue(packById('datong'), DAY, requestedAt, calendar)).toEqual(requestedAt);
  });
});
