/** House codes, tenancy references, the tenancy state machine, and when two addresses are the same house's. */
import { describe, expect, it } from 'vitest';
import {
  comparableHouseAddress,
  HOUSE_CODE_PATTERN,
  houseCode,
  nextTenancyStatus,
  normaliseHouseCode,
  occupancyOf,
  printedHouseCode,
  TENANCY_EVENTS,
  TENANCY_REFERENCE_PATTERN,
  TENANCY_STATUSES,
  tenancyReference,
  type TenancyEvent,
  type TenancyStatus,
} from '#shared/landlord/house';

describe('house codes', () => {
  const code = houseCode([7, 20, 23, 3, 21, 9, 10, 2]);

  it('are FW and eight readable characters', () => {
    expect(code).toBe('FW7MQ3N9A2');
    expect(code).toMatch(HOUSE_CODE_PATTERN);
    expect(printedHouseCode(code)).toBe('FW 7MQ3 N9A2');
  });

  it.each([
    ['FW7MQ3N9A2', 'FW7MQ3N9A2'],
    ['fw 7mq3 n9a2', 'FW7MQ3N9A2'],
    ['FW-7MQ3-N9A2', 'FW7MQ3N9A2'],
    ['7MQ3N9A2', 'FW7MQ3N9A2'],
    // Read off a door: O is 0, I and L are 1.
    ['FW7MQ3N9AO', 'FW7MQ3N9A0'],
    ['FWL1I17MQ3', 'FW11117MQ3'],
  ])('%s is read as %s', (typed, expected) => {
    expect(normaliseHouseCode(typed)).toBe(expected);
  });

  it.each(['', 'FW123', 'FW7MQ3N9A2X', 'FWUUUUUUUU', '<script>'])('%s is not a house code', (typed) => {
    expect(normaliseHouseCode(typed)).toBeUndefined();
  });
});

describe('tenancy references', () => {
  it('carry the date and six readable characters', () => {
    const reference = tenancyReference('2026-11-23', [1, 2, 3, 4, 5, 31]);
    expect(reference).toBe('ZL20261123-12345Z');
    expect(reference).toMatch(TENANCY_REFERENCE_PATTERN);
  });
});

describe('tenancy states', () => {
  /** status → event → next status; absent: the event cannot happen in that status. */
  const TABLE: Record<TenancyStatus, Partial<Record<TenancyEvent, TenancyStatus>>> = {
    awaitingTenant: { confirmedByTenant: 'active', declinedByTenant: 'declined', verifiedByOfficer: 'active', movedOut: 'ended' },
    awaitingLandlord: { confirmedByLandlord: 'active', declinedByLandlord: 'declined', verifiedByOfficer: 'active', movedOut: 'ended' },
    active: { movedOut: 'ended' },
    declined: {},
    ended: {},
  };

  it.each(TENANCY_STATUSES.flatMap((status) => TENANCY_EVENTS.map((event) => [status, event] as const)))('%s + %s', (status, event) => {
    expect(nextTenancyStatus(status, event)).toBe(TABLE[status][event]);
  });
});

describe('occupancy', () => {
  it.each([
    [3, 4, false],
    [4, 4, false],
    [5, 4, true],
  ])('%i occupants of at most %i: over capacity %s', (occupants, max, over) => {
    expect(occupancyOf(occupants, max)).toEqual({ occupants, maxOccupants: max, overCapacity: over });
  });
});

describe('comparable house addresses', () => {
  const STREET = '440304001';
  const house = (detail: string, labels: { building?: string; unit?: string; room?: string } = {}, division = STREET) =>
    comparableHouseAddress({ address: { division, detail }, ...labels });

  it.each([
    ['full-width letters and digits', house('和平路８８号Ｂ座', { room: '５０１' }), house('和平路88号B座', { room: '501' })],
    ['an ideographic space', house('和平路\u300088号'), house('和平路 88号')],
    ['runs of whitespace, tabs and ends', house('  和平路 \t 88号  ', { building: ' 3 ' }), house('和平路 88号', { building: '3' })],
    ['letter case', house('Heping Rd 88', { unit: 'B' }), house('heping rd 88', { unit: 'b' })],
    ['an empty label and a missing one', house('和平路88号', { room: '' }), house('和平路88号')],
  ])('folds %s', (_, typed, plain) => {
    expect(typed).toBe(plain);
  });

  it.each([
    ['another street', house('和平路88号', {}, '440304002'), house('和平路88号')],
    ['another room', house('和平路88号', { room: '502' }), house('和平路88号', { room: '501' })],
    ['the same text in another part', house('和平路88号', { building: '3' }), house('和平路88号', { unit: '3' })],
    ['a word added to a number', house('和平路88号', { building: '3栋' }), house('和平路88号', { building: '3' })],
    ['space inside a word', house('和平路 88号'), house('和平路88号')],
  ])('keeps %s apart', (_, one, other) => {
    expect(one).not.toBe(other);
  });
});
