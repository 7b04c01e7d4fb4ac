/** House codes as typed or scanned, a house's address as a declaration records it, message links, report errors by row. */
import { describe, expect, it } from 'vitest';
import { houseAddressDetail, houseUnitText } from '#shared/landlord/house';
import { HouseInput, HousePatch } from '#shared/api/landlord';
import { houseCodeFrom } from '../../../web/src/portal/tenancy/code.ts';
import { messageLink } from '../../../web/src/portal/messages/links.ts';
import { rowFieldOf, tenantInputFrom, emptyTenant } from '../../../web/src/portal/landlord/report-draft.ts';
import { housePatchFrom, houseInputFrom, typedNumber } from '../../../web/src/portal/landlord/house-draft.ts';

describe('a house code from what the tenant typed or scanned', () => {
  it.each([
    ['FW7KQ3M9A2', 'FW7KQ3M9A2'],
    ['fw 7kq3 m9a2', 'FW7KQ3M9A2'],
    ['  FW-7KQ3-M9A2 ', 'FW7KQ3M9A2'],
    ['7KQ3 M9A2', 'FW7KQ3M9A2'],
    // Crockford: I and L are read as 1, O as 0.
    ['FW 1KQ3 M9AO', 'FW1KQ3M9A0'],
    ['fw ikq3 m9ao', 'FW1KQ3M9A0'],
    ['https://portal.example.cn/house/FW7KQ3M9A2', 'FW7KQ3M9A2'],
    ['https://portal.example.cn/house/fw7kq3m9a2?from=poster', 'FW7KQ3M9A2'],
  ])('%s → %s', (typed, code) => {
    expect(houseCodeFrom(typed)).toBe(code);
  });

  it.each(['', 'FW7KQ3', 'FW7KQ3M9A2X', 'JD20261122-7KQ3M9', 'https://portal.example.cn/permit/verify?t=abc', 'FWU7KQ3M9A'])('%s is no house code', (typed) => {
    expect(houseCodeFrom(typed)).toBeUndefined();
  });
});

describe('a house address as a declaration records it', () => {
  it('adds the word to a bare number and keeps what was typed with its own word', () => {
    expect(houseUnitText({ building: '3', unit: '2', room: '501' })).toBe('3栋2单元501室');
    expect(houseUnitText({ building: 'B座', room: '1203' })).toBe('B座1203室');
    expect(houseUnitText({})).toBe('');
  });

  it('puts building, unit and room after the detail', () => {
    expect(houseAddressDetail({ address: { detail: '深南中路1001号' }, building: '3', unit: '2', room: '501' })).toBe('深南中路1001号 3栋2单元501室');
    expect(houseAddressDetail({ address: { detail: '深南中路1001号' } })).toBe('深南中路1001号');
  });
});

describe('where a message leads', () => {
  it('a landlord report to the tenant opens the tenancy to confirm', () => {
    expect(messageLink({ kind: 'tenancyReported', tenancyId: 'ZL20261122-7KQ3M9' })).toBe('/tenancies/ZL20261122-7KQ3M9');
  });
  it("a tenant's request to the landlord opens the requests to confirm", () => {
    expect(messageLink({ kind: 'confirmationRequested', tenancyId: 'ZL20261122-7KQ3M9', houseId: 'FW7KQ3M9A2' })).toBe('/houses/confirmations');
  });
  it("a tenant's answer to the landlord opens the house", () => {
    expect(messageLink({ kind: 'tenantConfirmed', tenancyId: 'ZL20261122-7KQ3M9', houseId: 'FW7KQ3M9A2' })).toBe('/houses/FW7KQ3M9A2');
  });
  it('the landlord confirming opens the declaration', () => {
    expect(messageLink({ kind: 'declarationConfirmed', declarationId: 'JD20261122-7KQ3M9', tenancyId: 'ZL20261122-7KQ3M9' })).toBe('/residence/JD20261122-7KQ3M9');
  });
  it('a message about nothing in particular leads nowhere', () => {
    expect(messageLink({ kind: 'permitCancelled' })).toBeUndefined();
  });
});

describe('the move-in report', () => {
  it("puts the server's field errors on their row and field", () => {
    expect(rowFieldOf('tenants.1.citizenId')).toEqual({ row: 1, field: 'citizenId' });
    expect(rowFieldOf('tenants.0.moveInDate')).toEqual({ row: 0, field: 'moveInDate' });
    expect(rowFieldOf('tenants')).toBeUndefined();
    expect(rowFieldOf('tenants.0.unknown')).toBeUndefined();
  });

  it('sends a row trimmed, without an empty room', () => {
    const row = { ...emptyTenant('2026-11-20'), name: ' 王芳 ', citizenId: ' 11010519900307002x ', phone: '13800000001 ', room: ' ' };
    expect(tenantInputFrom(row)).toEqual({ name: '王芳', citizenId: '11010519900307002x', phone: '13800000001', moveInDate: '2026-11-20', room: undefined });
  });

  it('gives each new row its own key', () => {
    expect(emptyTenant().key).not.toBe(emptyTenant().key);
  });
});

describe('the house form', () => {
  const draft = {
    address: { division: '440304001', path: ['广东省', '深圳市', '福田区', '华富街道'], detail: '深南中路1001号' },
    building: '3',
    unit: '',
    room: '501',
    type: 'apartment' as const,
    rooms: ' 3 ',
    maxOccupants: '4',
    safety: { smokeAlarm: true, extinguisher: false, escapeRoute: true },
  };

  it('reads typed numbers, and nothing else, as numbers', () => {
    expect(typedNumber('12')).toBe(12);
    expect(typedNumber('1.5')).toBeNaN();
    expect(typedNumber('')).toBeNaN();
  });

  it('registers with empty parts left out', () => {
    expect(houseInputFrom(draft)).toEqual({
      address: { division: '440304001', detail: '深南中路1001号' },
      building: '3',
      unit: undefined,
      room: '501',
      type: 'apartment',
      rooms: 3,
      maxOccupants: 4,
      safety: { smokeAlarm: true, extinguisher: false, escapeRoute: true },
    });
  });

  it('corrects at the version seen, sending an emptied part as null so it is removed', () => {
    expect(housePatchFrom(draft, 7)).toMatchObject({ detail: '深南中路1001号', unit: null, building: '3', version: 7 });
    expect(housePatchFrom(draft, 7)).not.toHaveProperty('address');
  });

  it('sends what the API accepts: a blank part is never sent as text', () => {
    expect(HousePatch.safeParse(housePatchFrom({ ...draft, room: '   ' }, 7))).toMatchObject({ success: true, data: { room: null } });
    expect(HouseInput.safeParse(houseInputFrom({ ...draft, room: '   ' }))).toMatchObject({ success: true });
  });
});
