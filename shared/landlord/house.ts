/**
 * Rental houses (出租屋) and the tenancies in them, as pure rules: the vocabulary a landlord fills
 * in, the house code printed on the door poster, and the states a tenancy moves through when either
 * side starts it ("人来登记,人走注销": register on arrival, cancel on departure).
 *
 *   landlord reports ──▶ awaitingTenant ──tenant confirms / officer verifies──▶ active ──moveOut──▶ ended
 *   tenant declares  ──▶ awaitingLandlord ──landlord confirms / officer verifies──▶ active
 *                                        └─landlord declines──▶ declined (the declaration goes to the officer)
 *   awaitingTenant ──tenant says it is not theirs──▶ declined (the landlord is told)
 */
import { datedReference, readableCode } from '../references.ts';

export const HOUSE_TYPES = ['apartment', 'sharedRoom', 'dormitory', 'urbanVillage', 'shopHouse'] as const;
export type HouseType = (typeof HOUSE_TYPES)[number];

/** The safety items a landlord states; a house's record may show only its own record (no scoring by origin). */
export const SAFETY_ITEMS = ['smokeAlarm', 'extinguisher', 'escapeRoute'] as const;
export type SafetyItem = (typeof SAFETY_ITEMS)[number];

export const TENANCY_STATUSES = ['awaitingTenant', 'awaitingLandlord', 'active', 'declined', 'ended'] as const;
export type TenancyStatus = (typeof TENANCY_STATUSES)[number];

/** Tenancies of people who live (or say they live) in the house: they count towards its occupants. */
export const OCCUPYING: readonly TenancyStatus[] = ['awaitingTenant', 'awaitingLandlord', 'active'];
/** Tenancies one side has started and the other has not yet answered. */
export const UNCONFIRMED: readonly TenancyStatus[] = ['awaitingTenant', 'awaitingLandlord'];

export const TENANCY_EVENTS = [
  'reportedByLandlord',
  'requestedByTenant',
  'confirmedByLandlord',
  'confirmedByTenant',
  'declinedByLandlord',
  'declinedByTenant',
  'verifiedByOfficer',
  'referredToOffice',
  'movedOut',
] as const;
export type TenancyEvent = (typeof TENANCY_EVENTS)[number];
export type TenancyActor = 'landlord' | 'migrant' | 'officer' | 'system';

const TRANSITIONS: Partial<Record<TenancyEvent, { from: readonly TenancyStatus[]; to: TenancyStatus }>> = {
  confirmedByLandlord: { from: ['awaitingLandlord'], to: 'active' },
  confirmedByTenant: { from: ['awaitingTenant'], to: 'active' },
  declinedByLandlord: { from: ['awaitingLandlord'], to: 'declined' },
  declinedByTenant: { from: ['awaitingTenant'], to: 'declined' },
  verifiedByOfficer: { from: ['awaitingTenant', 'awaitingLandlord'], to: 'active' },
  movedOut: { from: ['awaitingTenant', 'awaitingLandlord', 'active'], to: 'ended' },
};

/** The status after `event`, or undefined when it cannot happen in `status`. */
export function nextTenancyStatus(status: TenancyStatus, event: TenancyEvent): TenancyStatus | undefined {
  const transition = TRANSITIONS[event];
  return transition?.from.includes(status) ? transition.to : undefined;
}

export interface Occupancy {
  occupants: number;
  maxOccupants: number;
  overCapacity: boolean;
}

/** Over-occupancy is more people than the house's stated maximum (the maximum itself is allowed). */
export const occupancyOf = (occupants: number, maxOccupants: number): Occupancy => ({
  occupants,
  maxOccupants,
  overCapacity: occupants > maxOccupants,
});

/** A house code: `FW` (房屋) and eight characters, e.g. `FW7KQ3M9A2`. `random` gives eight values in [0, 32). */
export const houseCode = (random: readonly number[]): string => `FW${readableCode(random, 8)}`;

export const HOUSE_CODE_PATTERN = /^FW[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * What a person typed or a camera read, as a house code: case, spaces and dashes do not matter,
 * and the letters Crockford reads as digits (I, L → 1; O → 0) are read so. Undefined if it is not one.
 */
export function normaliseHouseCode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  const body = compact.startsWith('FW') ? compact.slice(2) : compact;
  const code = `FW${body.replace(/[IL]/g, '1').replace(/O/g, '0')}`;
  return HOUSE_CODE_PATTERN.test(code) ? code : undefined;
}

/** The code as printed: two groups of four after the prefix, `FW 7KQ3 M9A2`. */
export const printedHouseCode = (code: string) => `${code.slice(0, 2)} ${code.slice(2, 6)} ${code.slice(6)}`;

/** A tenancy's reference, also its id: `ZL` (租赁), the date it was started, six characters. */
export const tenancyReference = (startedOn: string, random: readonly number[]): string => datedReference('ZL', startedOn, random);

export const TENANCY_REFERENCE_PATTERN = /^ZL\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

/**
 * Building, unit and room as a Chinese address writes them, `3栋2单元501室`: a bare number or letter
 * gets its word, a value typed with its own word (`B座`, `3号楼`) is kept as typed.
 */
export function houseUnitText(house: { building?: string | undefined; unit?: string | undefined; room?: string | undefined }): string {
  const part = (value: string | undefined, word: string) => (!value ? '' : /^[0-9A-Za-z-]+$/.test(value) ? `${value}${word}` : value);
  return `${part(house.building, '栋')}${part(house.unit, '单元')}${part(house.room, '室')}`;
}

/** A house's address detail with its building, unit and room: what a tenant's declaration at the house records. */
export const houseAddressDetail = (house: { address: { detail: string }; building?: string | undefined; unit?: string | undefined; room?: string | undefined }) =>
  [house.address.detail, houseUnitText(house)].filter(Boolean).join(' ');

/**
 * A house's address as it is compared to tell "the same house": the street code and the detail,
 * building, unit and room, each folded the ways people type the same thing differently — full-width
 * letters, digits and spaces to their ASCII forms (NFKC), runs of whitespace to one space, no space
 * at either end, lower case. `幸福路 8 号`, `幸福路　８号 ` and a missing room or an empty one are
 * one address each; `3` and `3栋` stay two (nothing is guessed about words).
 * @example
 * comparableHouseAddress({ address: { division: '140213001', detail: 'ＡＢ 路  8号' }, room: '501' }) // '["140213001","ab 路 8号","","","501"]'
 */
export function comparableHouseAddress(house: {
  address: { division: string; detail: string };
  building?: string | undefined;
  unit?: string | undefined;
  room?: string | undefined;
}): string {
  const fold = (text = '') => text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
  return JSON.stringify([house.address.division, ...[house.address.detail, house.building, house.unit, house.room].map(fold)]);
}

/** The portal path a house's QR code opens: the tenant's declaration with the address filled in. */
export const housePath = (code: string) => `/house/${code}`;

/** Tenants a landlord may report in one request (a dormitory's intake, not a whole register). */
export const MAX_TENANTS_PER_REPORT = 20;
