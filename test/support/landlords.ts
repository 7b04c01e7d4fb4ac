/**
 * Landlords for the integration suites, through the real API: a resident signed in by phone who
 * registers rental houses and reports tenants moving in. Tenants are fresh people each call (a
 * valid ID number nobody else in the run uses); whether they have an account is up to the test.
 */
import { expect } from 'vitest';
import type { House, HouseInput, Tenancy, TenantInput } from '#shared/api/landlord';
import { call, signInByPhone, type Answer } from '#test/support/api-client';
import type { TestProduct } from '#test/support/product';
import { citizenId } from '#test/support/residents';

export interface Landlord {
  token: string;
  phone: string;
  accountId: string;
}

let nextPhone = 13600000000 + Math.floor(Math.random() * 1_000_000) * 100;

/** A resident signed in with a new phone number, who will act as a landlord. */
export async function newLandlord(product: TestProduct): Promise<Landlord> {
  const phone = String(++nextPhone);
  const token = await signInByPhone(product, phone);
  const me = await call<{ id: string }>(product, 'GET', '/api/me', { token });
  expect(me.status, JSON.stringify(me.body)).toBe(200);
  return { token, phone, accountId: me.body.id };
}

let nextHouseNumber = 100 + Math.floor(Math.random() * 1_000_000);

/** A house's fields at `street`, with a detail no other house of the run has (an owner registers an address once). */
export const houseInput = (street: string, extra: Partial<HouseInput> = {}): HouseInput => ({
  address: { division: street, detail: `幸福路 ${++nextHouseNumber} 号` },
  building: '3',
  unit: '2',
  room: '501',
  type: 'apartment',
  rooms: 3,
  maxOccupants: 4,
  safety: { smokeAlarm: true, extinguisher: true, escapeRoute: true },
  ...extra,
});

/** Registers a house at `street` (fields of `houseInput`, changed by `extra`); the house as the owner sees it. */
export async function registerHouse(product: TestProduct, landlord: Pick<Landlord, 'token'>, street: string, extra: Partial<HouseInput> = {}): Promise<House> {
  const answer = await call<House>(product, 'POST', '/api/landlord/houses', { token: landlord.token, body: houseInput(street, extra) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

let nextSequence = 0;

/** A valid ID number (GB 11643) no other helper of the suites hands out. */
export const tenantCitizenId = () => citizenId('440304', '19880808', String(++nextSequence % 1000).padStart(3, '0'));

let nextTenantPhone = 13500000000 + Math.floor(Math.random() * 1_000_000) * 100;

/** A tenant's report fields: a fresh person (ID number, phone) moving in on `moveInDate` (default today). */
export const tenantInput = (extra: Partial<TenantInput> = {}): TenantInput => ({
  name: '李四',
  citizenId: tenantCitizenId(),
  phone: String(++nextTenantPhone),
  moveInDate: new Date(Date.now() + Number(process.env.CLOCK_OFFSET_MS ?? 0) + 8 * 3600 * 1000).toISOString().slice(0, 10),
  ...extra,
});

export interface Reported {
  tenancies: Tenancy[];
  occupancy: { occupants: number; maxOccupants: number; overCapacity: boolean };
}

/** POST a move-in report of `tenants` (with an Idempotency-Key when `key` is given); the raw answer. */
export async function reportTenants(
  product: TestProduct,
  landlord: Pick<Landlord, 'token'>,
  houseId: string,
  tenants: TenantInput[],
  options: { key?: string; language?: string } = {},
): Promise<Answer<any>> {
  return call(product, 'POST', `/api/landlord/houses/${houseId}/tenancies`, {
    token: landlord.token,
    language: options.language ?? 'zh-CN',
    body: { tenants },
    ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
  });
}

/** Reports one tenant moving in (a fresh person unless `tenant` says who); the tenancy as the landlord sees it. */
export async function reportTenant(
  product: TestProduct,
  landlord: Pick<Landlord, 'token'>,
  houseId: string,
  tenant: Partial<TenantInput> = {},
): Promise<Tenancy & { occupancy: Reported['occupancy'] }> {
  const answer = await reportTenants(product, landlord, houseId, [tenantInput(tenant)]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const body = answer.body as Reported;
  return { ...body.tenancies[0]!, occupancy: body.occupancy };
}
