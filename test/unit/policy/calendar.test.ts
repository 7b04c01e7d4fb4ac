/** Dates in Asia/Shanghai and the Chinese working-day calendar. */
import { describe, expect, it } from 'vitest';
import { chineseWorkingCalendar, officialYearCalendar } from '#shared/policy/calendar';
import { addMonths, endOfDay, isIsoDate, parseShanghaiInstant, shanghaiDate, wholeYearsBetween } from '#shared/policy/civil-time';

describe('civil time', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-09-30', 12, '2027-09-30'],
    ['2026-03-15', -1, '2026-02-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months = %s (Civil Code Art.202)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('a day ends at 24:00 in Shanghai, 16:00 UTC', () => {
    expect(endOfDay('2026-10-10').toISOString()).toBe('2026-10-10T16:00:00.000Z');
    expect(shanghaiDate(new Date('2026-10-10T15:59:59Z'))).toBe('2026-10-10');
    expect(shanghaiDate(new Date('2026-10-10T16:00:00Z'))).toBe('2026-10-11');
  });

  it('reads dates and times as reviewers type them, and refuses what is not a date', () => {
    expect(parseShanghaiInstant('2026-09-30T08:15')!.toISOString()).toBe('2026-09-30T00:15:00.000Z');
    expect(parseShanghaiInstant('2026-02-30')).toBeUndefined();
    expect(parseShanghaiInstant('2026-09-30T24:00')).toBeUndefined();
    expect(parseShanghaiInstant('30/09/2026')).toBeUndefined();
    expect(isIsoDate('2026-13-01')).toBe(false);
  });

  it('counts ages with the birthday completing the year', () => {
    expect(wholeYearsBetween('2010-11-22', '2026-11-21')).toBe(15);
    expect(wholeYearsBetween('2010-11-22', '2026-11-22')).toBe(16);
  });
});

describe('working days', () => {
  it.each([
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'National Day holiday'],
    ['2026-10-08', true, 'a Thursday after the holiday'],
    ['2026-10-10', true, 'a make-up Saturday (调休)'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-02-14', true, 'the make-up Saturday before Spring Festival'],
    ['2026-02-17', false, 'Spring Festival'],
    ['2026-11-23', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(chineseWorkingCalendar.dayInfo(date)).toEqual({ working, assumedWeekendsOnly: false });
  });

  it('says when it has no data for a year', () => {
    expect(chineseWorkingCalendar.covers(2026)).toBe(true);
    expect(chineseWorkingCalendar.covers(2031)).toBe(false);
    expect(chineseWorkingCalendar.dayInfo('2031-10-01')).toEqual({ working: true, assumedWeekendsOnly: true });
    expect(chineseWorkingCalendar.dayInfo('2031-10-04')).toEqual({ working: false, assumedWeekendsOnly: true });
  });

  it('takes an official year as data, which wins for its year and leaves the others alone', () => {
    const calendar = chineseWorkingCalendar.withOfficialYears({
      year: 2026,
      source: 'a corrected notice',
      holidays: ['2026-10-08'],
      workdays: [],
    });
    expect(calendar.isWorkingDay('2026-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-01')).toBe(false);
    expect(chineseWorkingCalendar.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('refuses an official year with a date of another year or a bad date', () => {
    expect(officialYearCalendar.safeParse({ year: 2027, source: 'x', holidays: ['2028-01-01'], workdays: [] }).success).toBe(false);
    expect(officialYearCalendar.safeParse({ year: 2027, source: 'x', holidays: ['2027-02-30'], workdays: [] }).success).toBe(false);
    expect(officialYearCalendar.safeParse({ year: 2027, source: 'x', holidays: [], workdays: [], extra: 1 }).success).toBe(false);
  });
});
