/**
 * Registering and correcting rental houses (出租屋). A house gets a code for its door poster; its
 * pack and station follow from its street, which never changes (a house at another street is
 * another house). Every change writes a house event in the same transaction, so the officer's view
 * of the house shows who registered and corrected it, and when. An owner registers an address once:
 * the owner's claim on it is written, or moved by a correction, in the house's own transaction, so
 * even requests racing each other leave one house per address (the others get `house_exists`).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { HouseInput, HousePatch } from '#shared/api/landlord';
import { comparableHouseAddress, houseCode, OCCUPYING } from '#shared/landlord/house';
import { maskPhone } from '#shared/identity/masking';
import { packForDivision } from '#shared/policy/registry';
import { currentInstant } from '#functions/commons/clock';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { getAccount } from '#functions/identity/accounts';
import { idempotencyPut, priorRecord } from '#functions/residence/idempotency';
import { placeOf, stationFor } from '#functions/residence/places';
import { readProfile } from '#functions/residence/profiles';
import { agentsOf, houseForCaller, housesOfCaller, tenanciesOf } from './access.ts';
import { houseEventKey, houseKey, type HouseEventItem, type HouseItem } from './items.ts';
import { claimAddress, houseAtAddress, houseExists, houseWrite, readHouse, releaseAddress } from './records.ts';
import type { Role } from './views.ts';

type Input = z.output<typeof HouseInput>;
type Patch = z.output<typeof HousePatch>;

/** A fresh code may collide with a registered one; a few tries always suffice. */
const CODE_ATTEMPTS = 3;

export const houseChanged = () => new ApiError(409, 'house_changed');

/** The event of a house change, written in the change's transaction. */
export function houseEventPut(house: Pick<HouseItem, 'id'>, at: string, event: HouseEventItem['event'], role: Role, accountId: string, fields?: string[]): TransactItem {
  const item: HouseEventItem = {
    ...houseEventKey(house.id, at, randomUUID()),
    at,
    event,
    actor: role,
    accountId,
    ...(fields?.length ? { fields } : {}),
  };
  return { Put: { TableName: tableName(), Item: item } };
}

/** Optional labels: an empty one is no label. */
const labels = (input: Pick<Input, 'building' | 'unit' | 'room'>) => ({
  ...(input.building ? { building: input.building } : {}),
  ...(input.unit ? { unit: input.unit } : {}),
  ...(input.room ? { room: input.room } : {}),
});

/** Who owns the house, as its record shows them: the name of their 实名信息 if they have one, else the masked phone. */
async function ownerSnapshot(caller: Caller): Promise<HouseItem['owner']> {
  const [profile, account] = await Promise.all([readProfile(caller.id), caller.phone ? Promise.resolve(undefined) : getAccount(caller.id)]);
  const phoneMasked = maskPhone(caller.phone ?? account?.phone ?? '');
  return { accountId: caller.id, name: profile?.name ?? phoneMasked, phoneMasked };
}

export interface Registration {
  caller: Caller;
  input: Input;
  idempotency?: { key: string; fingerprint: string };
}

/** The house registered, or the one an earlier request with the same idempotency key registered. */
export async function registerHouse({ caller, input, idempotency }: Registration): Promise<HouseItem> {
  const replay = async () => {
    const prior = idempotency && (await priorRecord(caller.id, idempotency.key, idempotency.fingerprint));
    return prior?.houseId ? readHouse(prior.houseId, true) : undefined;
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const place = await placeOf(input.address.division, input.address.detail, 'address.division');
  const station = await stationFor(input.address.division);
  if (!station) throw new ApiError(422, 'no_station_for_division');
  const owner = await ownerSnapshot(caller);
  const registered = await houseAtAddress({ owner, address: place, ...labels(input) });
  if (registered) throw houseExists(registered);
  const at = currentInstant().toISOString();

  for (let attempt = 1; ; attempt++) {
    const id = houseCode(Array.from({ length: 8 }, () => randomInt(32)));
    const house: HouseItem = {
      ...houseKey(id),
      sk: 'HOUSE',
      id,
      owner,
      address: place,
      ...labels(input),
      type: input.type,
      rooms: input.rooms,
      maxOccupants: input.maxOccupants,
      safety: input.safety,
      packId: packForDivision(input.address.division).id,
      stationId: station.id,
      stationName: station.name,
      occupants: 0,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const items: TransactItem[] = [
      houseWrite(house),
      claimAddress(house),
      houseEventPut(house, at, 'registered', 'owner', caller.id),
      ...(idempotency ? [idempotencyPut(caller.id, idempotency.key, idempotency.fingerprint, { houseId: house.id })] : []),
    ];
    try {
      await transact(items);
      return house;
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      // A concurrent request with the same key won: answer as its retry.
      if (idempotency && failed[3]) {
        const winner = await replay();
        if (winner) return winner;
      }
      // A concurrent request registered the address first.
      const other = failed[1] ? await houseAtAddress(house) : undefined;
      if (other) throw houseExists(other);
      if (failed[0] && attempt < CODE_ATTEMPTS) continue;
      throw new ApiError(409, 'conflict');
    }
  }
}

const PATCHABLE = ['building', 'unit', 'room', 'type', 'rooms', 'maxOccupants', 'safety'] as const;

/**
 * Corrects a house at the version the caller saw. Lowering the maximum below the people living
 * there is allowed: the house then shows as over capacity, to the landlord and to the officer.
 */
export async function updateHouse(caller: Caller, code: string, patch: Patch): Promise<{ house: HouseItem; role: Role }> {
  const { house: current, role } = await houseForCaller(caller, code, true);
  if (current.version !== patch.version) throw houseChanged();

  const changed: string[] = [];
  const next: HouseItem = { ...current };
  if (patch.detail !== undefined && patch.detail !== current.address.detail) {
    next.address = { ...current.address, detail: patch.detail };
    changed.push('detail');
  }
  for (const field of PATCHABLE) {
    // null removes a building, unit or room; left out, a field is kept.
    const value = patch[field] ?? undefined;
    if (patch[field] === undefined || JSON.stringify(value) === JSON.stringify(current[field])) continue;
    if (value === undefined) delete next[field];
    else Object.assign(next, { [field]: value });
    changed.push(field);
  }
  if (changed.length === 0) return { house: current, role };

  const at = currentInstant().toISOString();
  const updated: HouseItem = { ...next, updatedAt: at, version: current.version + 1 };
  const claims = comparableHouseAddress(updated) === comparableHouseAddress(current) ? [] : await addressMove(current, updated);
  try {
    await transact([houseWrite(updated, current), houseEventPut(current, at, 'updated', role, caller.id, changed), ...claims]);
  } catch (error) {
    if (!failedConditions(error)) throw error;
    const other = claims.length ? await houseAtAddress(updated) : undefined;
    if (other && other !== current.id) throw houseExists(other);
    throw houseChanged();
  }
  return { house: updated, role };
}

/**
 * The claim's move when a correction changes the address: the new address taken (refused when the
 * owner holds another house there), the old one given up if the house held it (a house registered
 * before claims existed holds none).
 */
async function addressMove(current: HouseItem, updated: HouseItem): Promise<TransactItem[]> {
  const [taken, held] = await Promise.all([houseAtAddress(updated), houseAtAddress(current)]);
  if (taken && taken !== current.id) throw houseExists(taken);
  return [...(taken ? [] : [claimAddress(updated)]), ...(held === current.id ? [releaseAddress(current)] : [])];
}

/** The house with its agents (for the owner) and every tenancy, newest move-in first. */
export async function houseDetail(caller: Caller, code: string) {
  const { house, role } = await houseForCaller(caller, code);
  const [agents, tenancies] = await Promise.all([role === 'owner' ? agentsOf(code) : Promise.resolve([]), tenanciesOf(code)]);
  return { house, role, agents, tenancies };
}

/** 我的房屋: every house of the caller with its current tenants. */
export async function housesWithTenants(caller: Caller) {
  const houses = await housesOfCaller(caller);
  return Promise.all(houses.map(async (access) => ({ ...access, tenancies: await tenanciesOf(access.house.id, OCCUPYING) })));
}
