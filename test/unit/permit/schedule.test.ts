/**
 * The permit's calendar, day by day, for every pack that issues permits: the endorsement window,
 * the reminders, a missed endorsement, a late one, expiry and cancellation — what the daily job does
 * on each day, and that doing it twice on a day does nothing the second time. One permit issued on
 * Tuesday 10 March 2026 runs through every row.
 */
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, startOfDay, type IsoDate } from '#shared/policy/civil-time';
import { deadlineFor } from '#shared/policy/deadlines';
import { packById } from '#shared/policy/registry';
import type { Duration, PackId } from '#shared/policy/schema';
import {
  CLOSING_REMINDER_DAYS,
  cancellationFor,
  endorse,
  issuedClock,
  nextEndorsement,
  nextSweepDay,
  renewalDeadline,
  sweep,
  type PermitClock,
  type SweepAction,
} from '#shared/permit/schedule';

const ISSUED = '2026-03-10';
const years = (amount: number): Duration => ({ amount, unit: 'years' });

interface Row {
  name: string;
  pack: PackId;
  validity?: Duration;
  /** What the job does, by day, over the permit's first years when nobody endorses. */
  timeline: Array<[IsoDate, SweepAction[]]>;
}

/** National and the packs that inherit its endorsement: the month before the anniversary, then suspension. */
const nationalYear: Row['timeline'] = [
  ['2027-02-10', ['remindWindowOpen']],
  ['2027-03-03', ['remindClosing']],
  ['2027-03-11', ['suspend']],
];

const ROWS: Row[] = [
  { name: 'national', pack: 'national', timeline: nationalYear },
  { name: 'xinjiang (national endorsement)', pack: 'xinjiang', timeline: nationalYear },
  { name: 'ningxia (national endorsement)', pack: 'ningxia', timeline: nationalYear },
  // The first anniversary is the expiry date: met by renewal, not endorsement.
  { name: 'liaoning, 1 year', pack: 'liaoning', validity: years(1), timeline: [['2027-03-11', ['expire']]] },
  { name: 'liaoning, 2 years', pack: 'liaoning', validity: years(2), timeline: [...nationalYear, ['2028-03-11', ['expire']]] },
  { name: 'liaoning, 3 years', pack: 'liaoning', validity: years(3), timeline: [...nationalYear, ['2029-03-11', ['expire']]] },
  {
    name: 'datong, 5 years',
    pack: 'datong',
    validity: years(5),
    timeline: [
      ['2027-02-08', ['remindWindowOpen']],
      ['2027-03-03', ['remindClosing']],
      ['2027-03-11', ['suspend']],
      ['2031-03-11', ['expire']],
    ],
  },
];

/** The window's first day, read from the pack's own rule. */
function opensFromRule(pack: PackId, anniversary: IsoDate): IsoDate {
  const rule = packById(pack).permit!.endorsement!.windowBefore;
  if (rule.kind !== 'window') throw new Error('not a window');
  return rule.opens.unit === 'months' ? addMonths(anniversary, -rule.opens.amount) : addDays(anniversary, -rule.opens.amount);
}

interface Walked {
  events: Array<[IsoDate, SweepAction[]]>;
  clock: PermitClock;
}

/**
 * The job run every day from the day after `from` through `to`, each day twice: the second run of
 * a day must do nothing and leave the clock as it is, and the next sweep day is never a past one.
 */
function everyDay(pack: PackId, clock: PermitClock, from: IsoDate, to: IsoDate, onDay?: (day: IsoDate, clock: PermitClock) => PermitClock): Walked {
  const events: Walked['events'] = [];
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (onDay) clock = onDay(day, clock);
    const first = sweep(packById(pack), clock, day);
    if (first.actions.length) events.push([day, first.actions]);
    if (first.nextSweepOn !== undefined) expect(first.nextSweepOn > day, `${pack} ${day}: next ${first.nextSweepOn}`).toBe(true);
    const second = sweep(packById(pack), first.clock, day);
    expect(second.actions, `${pack} ${day}: second run`).toEqual([]);
    expect(second.clock, `${pack} ${day}: second run`).toEqual(first.clock);
    expect(second.nextSweepOn, `${pack} ${day}: second run`).toBe(first.nextSweepOn);
    clock = first.clock;
  }
  return { events, clock };
}

/** The job as it really runs: a permit is read only on its next sweep day. */
function onSweepDays(pack: PackId, clock: PermitClock, from: IsoDate, to: IsoDate): Walked {
  const events: Walked['events'] = [];
  for (let day = nextSweepDay(packById(pack), clock, from); day && day <= to; ) {
    const result = sweep(packById(pack), clock, day);
    if (result.actions.length) events.push([day, result.actions]);
    clock = result.clock;
    day = result.nextSweepOn;
  }
  return { events, clock };
}

describe('the figures the issue names, as the packs hold them', () => {
  it('opens the window the month before each full year (national) and the 30 days before (Datong)', () => {
    for (const pack of ['national', 'liaoning', 'xinjiang', 'ningxia'] as const) {
      expect(packById(pack).permit?.endorsement?.windowBefore, pack).toMatchObject({ kind: 'window', opens: { amount: 1, unit: 'months' }, event: 'residenceAnniversary' });
      expect(packById(pack).permit?.endorsement?.every, pack).toEqual(years(1));
    }
    expect(packById('datong').permit?.endorsement?.windowBefore).toMatchObject({ kind: 'window', opens: { amount: 30, unit: 'days' } });
  });

  it('reminds 7 days before the window closes', () => {
    expect(CLOSING_REMINDER_DAYS).toBe(7);
  });

  it('restarts the residence years after a late endorsement under national, keeps them continuous in Datong', () => {
    expect(packById('national').permit?.endorsement?.missed).toMatchObject({ effect: 'suspended', residenceYears: 'restartAtEndorsement' });
    for (const pack of ['xinjiang', 'ningxia', 'liaoning'] as const) expect(packById(pack).permit?.endorsement?.missed, pack).toEqual(packById('national').permit?.endorsement?.missed);
    expect(packById('datong').permit?.endorsement?.missed).toMatchObject({ effect: 'lapsed', residenceYears: 'continuous' });
  });

  it('offers 1, 2 or 3 years in Liaoning, 5 in Datong, and no end under national', () => {
    expect(packById('liaoning').permit?.validity?.choices).toEqual([years(1), years(2), years(3)]);
    expect(packById('datong').permit?.validity?.choices).toEqual([years(5)]);
    expect(packById('national').permit?.validity).toBeUndefined();
    expect(issuedClock(ISSUED, undefined).validUntil).toBeUndefined();
  });

  it('issues within 15 days of acceptance under national (30 remote), 10 in Datong (15 remote)', () => {
    const acceptedOn = startOfDay(ISSUED);
    const lastDay = (pack: PackId, rule: 'permit.issueWithin' | 'permit.remoteIssueWithin') => deadlineFor(packById(pack), rule, acceptedOn)?.lastDay;
    expect(lastDay('national', 'permit.issueWithin')).toBe(addDays(ISSUED, 15));
    expect(lastDay('national', 'permit.remoteIssueWithin')).toBe(addDays(ISSUED, 30));
    expect(lastDay('datong', 'permit.issueWithin')).toBe(addDays(ISSUED, 10));
    expect(lastDay('datong', 'permit.remoteIssueWithin')).toBe(addDays(ISSUED, 15));
  });

  it('asks for renewal at least 30 days before expiry in Liaoning and Datong; national permits do not expire', () => {
    const liaoning = issuedClock(ISSUED, years(2));
    expect(liaoning.validUntil).toBe('2028-03-10');
    expect(renewalDeadline(packById('liaoning'), liaoning)?.lastDay).toBe(addDays('2028-03-10', -30));
    const datong = issuedClock(ISSUED, years(5));
    expect(datong.validUntil).toBe('2031-03-10');
    expect(renewalDeadline(packById('datong'), datong)?.lastDay).toBe(addDays('2031-03-10', -30));
    expect(renewalDeadline(packById('national'), issuedClock(ISSUED, undefined))).toBeUndefined();
  });

  it("cancels on leaving under national; in Datong reports open 10 days before leaving and the permit survives a 30-day return grace", () => {
    expect(cancellationFor(packById('national'), '2026-06-20', '2026-06-01')).toEqual({ leavingOn: '2026-06-20', effectiveOn: '2026-06-20' });
    const datong = packById('datong');
    expect(datong.permit?.cancellation?.returnGrace.within).toEqual({ amount: 30, unit: 'days' });
    expect(cancellationFor(datong, '2026-06-20', '2026-06-09')).toEqual({ code: 'cancellation_too_early', opens: '2026-06-10' });
    expect(cancellationFor(datong, '2026-06-20', '2026-06-10')).toMatchObject({ leavingOn: '2026-06-20', effectiveOn: addDays(addDays('2026-06-20', 30), 1) });
  });
});

describe.each(ROWS)('$name: a permit nobody endorses', ({ pack, validity, timeline }) => {
  const clock = issuedClock(ISSUED, validity);
  const until = addYears(ISSUED, 6);

  it('opens the window, reminds 7 days before it closes, suspends the day after the anniversary, expires the day after validity', () => {
    expect(everyDay(pack, clock, ISSUED, until).events).toEqual(timeline);
  });

  it('does the same when the job reads the permit only on its next sweep day', () => {
    expect(onSweepDays(pack, clock, ISSUED, until).events).toEqual(timeline);
  });

  it("matches the pack's own rule for the window, and the window closes on the anniversary", () => {
    const window = nextEndorsement(packById(pack), clock);
    if (validity && addYears(ISSUED, 1) >= clock.validUntil!) {
      expect(window).toBeUndefined();
      return;
    }
    expect(window).toMatchObject({ anniversary: '2027-03-10', closes: '2027-03-10', opens: opensFromRule(pack, '2027-03-10') });
    expect(timeline[0]).toEqual([window!.opens, ['remindWindowOpen']]);
    expect(timeline[1]).toEqual([addDays(window!.closes, -CLOSING_REMINDER_DAYS), ['remindClosing']]);
    expect(timeline[2]).toEqual([addDays(window!.anniversary, 1), ['suspend']]);
  });

  it('ends in a state the job no longer visits', () => {
    const { clock: last } = everyDay(pack, clock, ISSUED, until);
    expect(last.status).toBe(validity ? 'expired' : 'suspended');
    expect(nextSweepDay(packById(pack), last, until)).toBeUndefined();
  });
});

describe('endorsing', () => {
  it('on time: in the window the anniversary is endorsed and the next year is counted from the same date', () => {
    const pack = packById('national');
    const clock = issuedClock(ISSUED, undefined);
    expect(endorse(pack, clock, '2027-02-09')).toEqual({ code: 'endorsement_not_open', opens: '2027-02-10' });
    const endorsed = endorse(pack, { ...clock, notified: { windowOpen: '2027-03-10' } }, '2027-02-20') as PermitClock;
    expect(endorsed).toMatchObject({ status: 'valid', yearsFrom: ISSUED, endorsedThrough: '2027-03-10' });
    expect(endorsed.notified).toBeUndefined();
    expect(nextEndorsement(pack, endorsed)?.anniversary).toBe('2028-03-10');
    // Nothing happens until the next window.
    expect(everyDay('national', endorsed, '2027-02-20', '2028-02-09').events).toEqual([]);
  });

  it('late under national: valid again, residence years restart at the endorsement date', () => {
    const pack = packById('national');
    const suspended = everyDay('national', issuedClock(ISSUED, undefined), ISSUED, '2027-04-19').clock;
    expect(suspended.status).toBe('suspended');
    const endorsed = endorse(pack, suspended, '2027-04-20') as PermitClock;
    expect(endorsed).toMatchObject({ status: 'valid', yearsFrom: '2027-04-20', endorsedThrough: '2027-04-20' });
    expect(nextEndorsement(pack, endorsed)).toMatchObject({ anniversary: '2028-04-20', opens: '2028-03-20' });
    expect(everyDay('national', endorsed, '2027-04-20', '2028-05-01').events).toEqual([
      ['2028-03-20', ['remindWindowOpen']],
      ['2028-04-13', ['remindClosing']],
      ['2028-04-21', ['suspend']],
    ]);
  });

  it('late in Datong: valid again, the years stay continuous from the issue date', () => {
    const pack = packById('datong');
    const suspended = everyDay('datong', issuedClock(ISSUED, years(5)), ISSUED, '2027-04-19').clock;
    expect(suspended.status).toBe('suspended');
    const endorsed = endorse(pack, suspended, '2027-04-20') as PermitClock;
    expect(endorsed).toMatchObject({ status: 'valid', yearsFrom: ISSUED, endorsedThrough: '2027-03-10' });
    expect(nextEndorsement(pack, endorsed)).toMatchObject({ anniversary: '2028-03-10', opens: '2028-02-09' });
  });

  it('is not owed when the anniversary falls on or after the expiry (Liaoning, 1 year)', () => {
    const pack = packById('liaoning');
    const clock = issuedClock(ISSUED, years(1));
    expect(clock.validUntil).toBe('2027-03-10');
    expect(nextEndorsement(pack, clock)).toBeUndefined();
    expect(endorse(pack, clock, '2027-02-20')).toEqual({ code: 'endorsement_not_required' });
  });
});

describe('expiry and cancellation', () => {
  it('expires the day after the last valid day, not on it', () => {
    const clock = issuedClock(ISSUED, years(1));
    const pack = packById('liaoning');
    expect(sweep(pack, clock, '2027-03-10').actions).toEqual([]);
    expect(sweep(pack, clock, '2027-03-11')).toMatchObject({ actions: ['expire'], clock: { status: 'expired' } });
    expect(sweep(pack, clock, '2027-03-11').nextSweepOn).toBeUndefined();
  });

  it('cancels at once under national', () => {
    const pack = packById('national');
    const cancellation = cancellationFor(pack, '2026-06-20', '2026-06-18');
    if ('code' in cancellation) throw new Error('refused');
    const clock: PermitClock = { ...issuedClock(ISSUED, undefined), cancellation };
    expect(nextSweepDay(pack, clock, '2026-06-18')).toBe('2026-06-20');
    expect(everyDay('national', clock, '2026-06-18', '2026-07-31').events).toEqual([['2026-06-20', ['cancel']]]);
  });

  it('cancels in Datong only once the 30-day return grace has passed', () => {
    const pack = packById('datong');
    const cancellation = cancellationFor(pack, '2026-06-20', '2026-06-12');
    if ('code' in cancellation) throw new Error('refused');
    const clock: PermitClock = { ...issuedClock(ISSUED, years(5)), cancellation: { leavingOn: cancellation.leavingOn, effectiveOn: cancellation.effectiveOn } };
    expect(cancellation.effectiveOn).toBe('2026-07-21');
    expect(nextSweepDay(pack, clock, '2026-06-12')).toBe('2026-07-21');
    expect(everyDay('datong', clock, '2026-06-12', '2026-08-31').events).toEqual([['2026-07-21', ['cancel']]]);
  });

  it('cancels a suspended permit too, and takes precedence over the endorsement on the same day', () => {
    const pack = packById('national');
    const clock: PermitClock = { ...issuedClock(ISSUED, undefined), cancellation: { leavingOn: '2027-03-11', effectiveOn: '2027-03-11' } };
    expect(sweep(pack, clock, '2027-03-11').actions).toEqual(['cancel']);
    expect(sweep(pack, { ...clock, status: 'suspended' }, '2027-03-12').actions).toEqual(['cancel']);
  });

  it('leaves ended permits alone', () => {
    for (const status of ['expired', 'cancelled'] as const) {
      const clock: PermitClock = { ...issuedClock(ISSUED, years(1)), status };
      expect(sweep(packById('liaoning'), clock, '2030-01-01').actions, status).toEqual([]);
      expect(nextSweepDay(packById('liaoning'), clock, '2026-03-10'), status).toBeUndefined();
    }
  });
});

describe('a job that missed days', () => {
  it('sends both reminders on one day when it first runs inside the last 7 days of the window', () => {
    const result = sweep(packById('national'), issuedClock(ISSUED, undefined), '2027-03-05');
    expect(result.actions).toEqual(['remindWindowOpen', 'remindClosing']);
    expect(result.window?.closes).toBe('2027-03-10');
    expect(result.nextSweepOn).toBe('2027-03-11');
  });

  it('suspends without reminders when it first runs after the window closed', () => {
    expect(sweep(packById('national'), issuedClock(ISSUED, undefined), '2027-04-01').actions).toEqual(['suspend']);
  });

  it('never names a past day as the next one, whatever day it runs on', () => {
    const clock = issuedClock(ISSUED, years(2));
    for (let day = ISSUED; day <= '2028-06-01'; day = addDays(day, 3)) {
      const next = nextSweepDay(packById('liaoning'), clock, day);
      if (next !== undefined) expect(next > day, day).toBe(true);
    }
  });
});
