import type { House, HouseInput, HousePatch } from '#shared/api/landlord';
import type { HouseType } from '#shared/landlord/house';

/** The house form as far as the landlord has got; numbers as typed until they are sent. */
export interface HouseDraft {
  address?: { division: string; path: string[]; detail: string };
  building?: string;
  unit?: string;
  room?: string;
  type?: HouseType;
  rooms?: string;
  maxOccupants?: string;
  safety?: House['safety'];
  /** Editing: the version of the house the draft started from. */
  basedOn?: number;
}

export const HOUSE_STEPS = ['address', 'house', 'safety', 'check'] as const;
export type HouseStep = (typeof HOUSE_STEPS)[number];

export const NO_SAFETY: House['safety'] = { smokeAlarm: false, extinguisher: false, escapeRoute: false };

/** A typed number, or NaN when it is not a whole number (the schema then names the problem). */
export const typedNumber = (text: string | undefined) => (text && /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

const optional = (text: string | undefined) => text?.trim() || undefined;

/** A house as the form to correct it. */
export function draftFromHouse(house: House): HouseDraft {
  return {
    address: { division: house.address.division, path: house.address.path, detail: house.address.detail },
    building: house.building,
    unit: house.unit,
    room: house.room,
    type: house.type,
    rooms: String(house.rooms),
    maxOccupants: String(house.maxOccupants),
    safety: house.safety,
    basedOn: house.version,
  };
}

/** What registering sends. */
export function houseInputFrom(draft: HouseDraft): HouseInput {
  return {
    address: { division: draft.address?.division ?? '', detail: draft.address?.detail ?? '' },
    building: optional(draft.building),
    unit: optional(draft.unit),
    room: optional(draft.room),
    type: draft.type!,
    rooms: typedNumber(draft.rooms),
    maxOccupants: typedNumber(draft.maxOccupants),
    safety: draft.safety ?? NO_SAFETY,
  };
}

/**
 * What a correction sends: every field the form shows (the street cannot change), at the version
 * seen; a building, unit or room the landlord emptied is sent as null, so it is removed.
 */
export function housePatchFrom(draft: HouseDraft, version: number): HousePatch {
  const { address, ...rest } = houseInputFrom(draft);
  return {
    ...rest,
    building: rest.building ?? null,
    unit: rest.unit ?? null,
    room: rest.room ?? null,
    detail: address.detail,
    version,
  };
}
