/** 我的权益: the children's birthdays the page offers to look ahead to. */
import { describe, expect, it } from 'vitest';
import { birthdaysAhead } from '../../../web/src/portal/entitlements/lookahead.ts';

describe('birthdays ahead', () => {
  it('offers each child’s 3rd, 6th, 12th and 15th birthday still to come, soonest first', () => {
    const children = [
      { id: 'a', name: '小明', birthDate: '2021-03-15' },
      { id: 'b', name: '小红', birthDate: '2014-11-30' },
    ];
    expect(birthdaysAhead(children, '2026-11-22').map(({ name, age, on }) => [name, age, on])).toEqual([
      ['小红', 12, '2026-11-30'],
      ['小明', 6, '2027-03-15'],
      ['小红', 15, '2029-11-30'],
      ['小明', 12, '2033-03-15'],
      ['小明', 15, '2036-03-15'],
    ]);
  });

  it('a birthday today is not ahead; 29 February falls on 28 February in other years', () => {
    expect(birthdaysAhead([{ id: 'c', name: 'ئايگۈل', birthDate: '2020-02-29' }], '2026-02-28').map((b) => [b.age, b.on])).toEqual([
      [12, '2032-02-29'],
      [15, '2035-02-28'],
    ]);
  });

  it('nothing without children', () => {
    expect(birthdaysAhead([], '2026-11-22')).toEqual([]);
  });
});
