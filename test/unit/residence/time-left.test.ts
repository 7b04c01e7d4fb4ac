import { describe, expect, it } from 'vitest';
import { workingDaysLeft } from '#shared/residence/time-left';
import fc from 'fast-check';
import { chineseWorkingCalendar } from '#shared/policy/calendar';
import { addDays } from '#shared/policy/civil-time';

// 2026: 国庆 + 中秋 arrangement — 10-01…10-07 off, Saturday 10-10 and Sunday 09-20 worked (调休);
// 中秋 09-25 (Friday) off.
describe('workingDaysLeft', () => {
  it.each([
    // today, last day, expected, why
    ['2026-06-10', '2026-06-10', 0, 'due today'],
    ['2026-06-10', '2026-06-11', 1, 'tomorrow, a Thursday'],
    ['2026-06-12', '2026-06-15', 1, 'Friday to Monday: the weekend does not count'],
    ['2026-06-13', '2026-06-15', 1, 'Saturday to Monday'],
    ['2026-09-30', '2026-10-08', 1, 'the whole National Day holiday is one working day'],
    ['2026-09-30', '2026-10-10', 3, 'Thursday 10-08, Friday 10-09 and the make-up Saturday 10-10'],
    ['2026-10-09', '2026-10-12', 2, 'the make-up Saturday counts, Sunday 10-11 does not'],
    ['2026-09-19', '2026-09-21', 2, 'the make-up Sunday 09-20 counts'],
    ['2026-09-24', '2026-09-28', 1, 'Mid-Autumn Friday 09-25 and the weekend are off'],
    ['2026-06-11', '2026-06-10', -1, 'one working day late'],
    ['2026-06-13', '2026-06-12', -1, 'the Saturday after a Friday deadline is already late'],
    ['2026-06-15', '2026-06-12', -1, 'the Monday after a Friday deadline'],
    ['2026-06-16', '2026-06-12', -2, 'the Tuesday after'],
    ['2026-10-08', '2026-09-30', -1, 'overdue over the holiday: only 10-08 counts'],
    ['2026-10-12', '2026-09-30', -4, '10-08, 10-09, the make-up 10-10, and Monday 10-12'],
    ['2026-12-31', '2027-01-04', 2, 'into 2027, whose holidays the dataset does not know yet: only the weekend is off'],
  ] as const)('%s → %s is %i (%s)', (today, lastDay, expected, _why) => {
    expect(workingDaysLeft(today, lastDay, chineseWorkingCalendar)).toBe(expected);
  });
});

describe('workingDaysLeft over long spans', () => {
  // The day-by-day definition the running counts must agree with.
  const naive = (from: string, to: string) => {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (chineseWorkingCalendar.isWorkingDay(d)) n++;
    return n;
  };

  it('agrees with counting day by day, across year ends and holiday years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 4 }), fc.integer({ min: 0, max: 365 * 3 }), (start, span) => {
        const a = addDays('2024-01-01', start);
        const b = addDays(a, span);
        expect(workingDaysLeft(a, b, chineseWorkingCalendar)).toBe(naive(a, b));
        if (span > 0) expect(workingDaysLeft(b, a, chineseWorkingCalendar)).toBe(-Math.max(1, naive(a, b)));
      }),
      { numRuns: 300 },
    );
  });
});
