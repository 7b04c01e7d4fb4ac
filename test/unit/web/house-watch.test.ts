/** What the officer's house screens decide on their own: the list the address bar asks for, a report's filing, who may be verified. */
import { describe, expect, it } from 'vitest';
import type { ReportView } from '#shared/api/landlord';
import { canVerify, deadlineKind, filingOf, readSelection, selectionSearch } from '../../../web/src/office/houses/rules.ts';

const citation = { source: 'datong-2019', article: '第十条', quote: '……' } as never;
const deadline = (path: string, lastDay: string, filing: 'onTime' | 'late') => ({
  packId: 'datong' as const,
  rule: { kind: 'after', within: { amount: 10, unit: 'days' }, from: 'moveIn', citation } as never,
  citation,
  due: `${lastDay}T16:00:00.000Z`,
  lastDay,
  filing,
  assumedWeekendsOnly: [],
  path,
});

describe('the list selection in the address bar', () => {
  it('reads the houses tab with a street and the over-capacity filter', () => {
    expect(readSelection(new URLSearchParams('street=140213050&overCapacity=true'))).toEqual({ tab: 'houses', street: '140213050', overCapacity: true });
  });

  it('ignores what it does not know: another tab name, a county instead of a street, filters on the overdue tabs', () => {
    expect(readSelection(new URLSearchParams('tab=everything&street=140213'))).toEqual({ tab: 'houses', overCapacity: false });
    expect(readSelection(new URLSearchParams('tab=late&street=140213050&overCapacity=true'))).toEqual({ tab: 'late', overCapacity: false });
  });

  it('writes back only what differs from the defaults, and round-trips', () => {
    expect(selectionSearch({ tab: 'houses', overCapacity: false }).toString()).toBe('');
    expect(selectionSearch({ tab: 'unconfirmed', street: '140213050', overCapacity: true }).toString()).toBe('tab=unconfirmed');
    const houses = { tab: 'houses' as const, street: '140213050', overCapacity: true };
    expect(readSelection(selectionSearch(houses))).toEqual(houses);
  });
});

describe('a report’s filing', () => {
  const moveIn: ReportView = {
    filedAt: '2026-11-20T02:00:00.000Z',
    filing: 'late',
    deadlines: [deadline('landlord.registerWithin', '2026-11-16', 'late'), deadline('landlord.reportMoveIn', '2026-11-25', 'onTime')],
    lastDay: '2026-11-16',
  };

  it('is late against the first deadline missed', () => {
    expect(filingOf(moveIn)).toEqual({ state: 'late', deciding: moveIn.deadlines[0] });
  });

  it('is on time against the report’s own deadline, the last', () => {
    const onTime: ReportView = { ...moveIn, filing: 'onTime', deadlines: moveIn.deadlines.map((d) => ({ ...d, filing: 'onTime' })), lastDay: '2026-11-25' };
    expect(filingOf(onTime)).toEqual({ state: 'onTime', deciding: onTime.deadlines[1] });
  });

  it('is not filed while a tenant’s request waits for the landlord, and has no deadline where the pack sets none', () => {
    const { filedAt: _filedAt, ...waiting } = moveIn;
    expect(filingOf(waiting)).toEqual({ state: 'notFiled', deciding: moveIn.deadlines[1] });
    expect(filingOf({ filedAt: moveIn.filedAt, filing: 'onTime', deadlines: [] })).toEqual({ state: 'onTime' });
  });

  it('names each of the landlord’s deadlines', () => {
    expect(['landlord.registerWithin', 'landlord.reportMoveIn', 'landlord.reportMoveOut'].map(deadlineKind)).toEqual(['registerWithin', 'reportMoveIn', 'reportMoveOut']);
  });
});

describe('verifying a tenancy', () => {
  it('is offered only for a landlord’s report the tenant has not confirmed', () => {
    expect(canVerify({ startedBy: 'landlord', status: 'awaitingTenant' })).toBe(true);
    expect(canVerify({ startedBy: 'tenant', status: 'awaitingLandlord' })).toBe(false);
    expect(canVerify({ startedBy: 'landlord', status: 'active' })).toBe(false);
    expect(canVerify({ startedBy: 'landlord', status: 'ended' })).toBe(false);
  });
});
