/**
 * The tenant's side of the two-sided confirmation: a declaration at a registered rental house (the
 * tenant scanned its code) asks the house's landlord to confirm. Written in the declaration's own
 * transaction: the tenancy awaiting the landlord, one more occupant at the house, and the
 * landlord's message. Until the landlord answers, or the request falls due and the hourly job
 * refers it, the declaration is in no officer's queue.
 *
 * A tenant who withdraws the request — moving out, or correcting a returned declaration to another
 * house or none — ends the tenancy the same way.
 */
import { randomInt } from 'node:crypto';
import { houseAddressDetail, nextTenancyStatus, tenancyReference } from '#shared/landlord/house';
import { confirmationDue } from '#shared/landlord/reporting';
import { maskPhone } from '#shared/identity/masking';
import { shanghaiDate } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import { maskCitizenId } from '#shared/residence/citizen-id';
import type { FieldError } from '#functions/commons/errors';
import { keyedHash } from '#functions/commons/pii';
import type { TransactItem } from '#functions/commons/transactions';
import { workingCalendar } from '#functions/commons/working-calendar';
import { tenancyKey, type HouseItem, type TenancyItem } from '#functions/landlord/items';
import { advancedTenancy, houseNotFound, occupancyChange, occupantDelta, readHouse, readTenancy, storedReport, tenancyWrite } from '#functions/landlord/records';
import type { DeclarationItem, ProfileItem } from '#functions/residence/items';
import { messagePut, type Notice } from '#functions/residence/notify';
import { addressLine } from '#functions/residence/places';

/** The house's address as one line, with its building, unit and room. */
export const houseAddressLine = (house: HouseItem) => addressLine({ ...house.address, detail: houseAddressDetail(house) });

/**
 * The house a declaration names by its code (404 when no house has it), and the field error when
 * the declared street is not the house's: the code and the address must describe one place.
 */
export async function declaredHouse(code: string, street: string, field: string): Promise<{ house: HouseItem; problems: FieldError[] }> {
  const house = await readHouse(code, true);
  if (!house) throw houseNotFound();
  return { house, problems: house.address.division === street ? [] : [{ path: field, key: 'validation.houseAddressMismatch' }] };
}

export interface LandlordRequest {
  /** The declaration's fields that tie it to the house and keep it out of the queue. */
  fields: Required<Pick<DeclarationItem, 'houseId' | 'tenancyId' | 'landlordConfirmation'>>;
  tenancy: TenancyItem;
  /** In this order: the new tenancy (fails only on a reference issued twice), the house's occupancy (fails when the house changed), the landlord's message. */
  items: [tenancy: TransactItem, house: TransactItem, message: TransactItem];
  /** The landlord's message, to text after the commit. */
  notice: Notice;
}

/** Index of the house's write in `LandlordRequest.items`. */
export const REQUEST_HOUSE_ITEM = 1;

/** The request to the house's landlord of the declaration `declarationId` by `profile`'s person, made at `at`. */
export async function landlordRequest(house: HouseItem, declarationId: string, moveInDate: string, profile: ProfileItem, at: Date): Promise<LandlordRequest> {
  const now = at.toISOString();
  const id = tenancyReference(shanghaiDate(at), Array.from({ length: 6 }, () => randomInt(32)));
  const [phoneHash, moveInReport, calendar] = await Promise.all([
    keyedHash('phone', profile.phone),
    // Filed when the landlord answers: judged then, not now.
    storedReport(house.packId, 'moveIn', moveInDate),
    workingCalendar(),
  ]);
  const confirmBy = confirmationDue(packById(house.packId), moveInDate, at, calendar).toISOString();
  const tenancy: TenancyItem = {
    ...tenancyKey(id),
    sk: 'TENANCY',
    id,
    houseId: house.id,
    stationId: house.stationId,
    packId: house.packId,
    status: 'awaitingLandlord',
    startedBy: 'tenant',
    tenant: {
      name: profile.name,
      citizenIdHash: profile.citizenIdHash,
      citizenIdMasked: maskCitizenId(profile.citizenId),
      phone: profile.phone,
      phoneHash,
      phoneMasked: maskPhone(profile.phone),
      accountId: profile.accountId,
    },
    moveInDate,
    moveInReport,
    confirmBy,
    declarationId,
    history: [{ at: now, event: 'requestedByTenant', actor: 'migrant' }],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const notice: Notice = {
    accountId: house.owner.accountId,
    kind: 'confirmationRequested',
    tenancyId: id,
    houseId: house.id,
    at: now,
    values: { id, address: houseAddressLine(house), name: profile.name, on: moveInDate },
  };
  return {
    fields: { houseId: house.id, tenancyId: id, landlordConfirmation: { state: 'requested', due: confirmBy } },
    tenancy,
    items: [tenancyWrite(tenancy), occupancyChange(house, occupantDelta(undefined, tenancy.status), now)!.write, messagePut(notice)],
    notice,
  };
}

/**
 * The tenant leaves a tenancy (moved out on `on`, or withdrew the request): the tenancy ends at the
 * version read and its house has one occupant fewer. Nothing when it no longer counts as occupying
 * (declined, or ended by the landlord's move-out report).
 */
export async function tenantLeaving(tenancyId: string, on: string, at: string): Promise<TransactItem[]> {
  const tenancy = await readTenancy(tenancyId, true);
  const status = tenancy && nextTenancyStatus(tenancy.status, 'movedOut');
  if (!tenancy || !status) return [];
  const house = await readHouse(tenancy.houseId, true);
  const ended = advancedTenancy(tenancy, status, { at, event: 'movedOut', actor: 'migrant' }, { moveOutDate: on });
  const occupancy = house && occupancyChange(house, occupantDelta(tenancy.status, status), at);
  return [tenancyWrite(ended, tenancy), ...(occupancy ? [occupancy.write] : [])];
}

/**
 * The officer verified the tenant's declaration in the station's queue: the tenancy behind it is
 * active too, at the version read (an answer of the landlord meanwhile fails the decision, which
 * the officer then sees anew). Nothing when it no longer waits (the landlord declined).
 */
export async function requestVerified(tenancyId: string, at: string): Promise<TransactItem[]> {
  const tenancy = await readTenancy(tenancyId, true);
  const status = tenancy && nextTenancyStatus(tenancy.status, 'verifiedByOfficer');
  if (!tenancy || !status) return [];
  return [tenancyWrite(advancedTenancy(tenancy, status, { at, event: 'verifiedByOfficer', actor: 'officer' }), tenancy)];
}
