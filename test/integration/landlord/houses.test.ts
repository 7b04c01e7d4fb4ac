/**
 * Rental houses through the real API on DynamoDB Local: registering one (its code, pack, station,
 * duties and fines from the pack), 我的房屋, reading it, correcting it at the version seen, field
 * errors that name the field in the caller's language, and a retried registration that returns
 * the first house instead of a second one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { House, HouseSummary } from '#shared/api/landlord';
import { HOUSE_CODE_PATTERN } from '#shared/landlord/house';
import { call } from '#test/support/api-client';
import { houseInput, newLandlord, registerHouse, reportTenants, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { STREETS } from '#test/support/residents';

let product: TestProduct;
let landlord: Landlord;

beforeAll(async () => {
  product = await startProduct();
  landlord = await newLandlord(product);
});

afterAll(async () => {
  await product?.close();
});

const postHouse = (body: unknown, options: { key?: string; language?: string } = {}) =>
  call(product, 'POST', '/api/landlord/houses', {
    token: landlord.token,
    language: options.language ?? 'zh-CN',
    body,
    ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
  });

const listOf = async (token: string) => (await call<{ items: HouseSummary[] }>(product, 'GET', '/api/landlord/houses', { token })).body.items;

describe('registering a house', () => {
  it('gives it a code, the street’s pack and station, the owner’s standing and the pack’s duties', async () => {
    const house = await registerHouse(product, landlord, '140213050', { maxOccupants: 6, rooms: 4, type: 'sharedRoom' });
    expect(house.id).toMatch(HOUSE_CODE_PATTERN);
    expect(house).toMatchObject({
      packId: 'datong',
      station: { id: 'datong-xinjianlu' },
      role: 'owner',
      type: 'sharedRoom',
      rooms: 4,
      maxOccupants: 6,
      building: '3',
      unit: '2',
      room: '501',
      safety: { smokeAlarm: true, extinguisher: true, escapeRoute: true },
      occupancy: { occupants: 0, maxOccupants: 6, overCapacity: false },
      agents: [],
      version: 1,
    });
    expect(house.address.path.join('')).toContain('大同市');
    // Datong: register within 24 hours, report within 10 days, move-out within 10 days; the fine is the pack's, cited.
    expect(house.duties.registerWithin).toMatchObject({ within: { amount: 24, unit: 'hours' } });
    expect(house.duties.reportMoveIn).toMatchObject({ within: { amount: 10, unit: 'days' } });
    expect(house.duties.reportMoveOut).toMatchObject({ within: { amount: 10, unit: 'days' } });
    expect(house.duties.fines).toEqual([expect.objectContaining({ party: 'landlord', offence: 'notReported', amount: { min: 100, max: 300 }, citation: expect.anything() })]);
  });

  it('a pack without landlord duties shows none and invents no fine', async () => {
    const house = await registerHouse(product, landlord, STREETS.shenzhen);
    expect(house.packId).toBe('national');
    expect(house.duties).toMatchObject({ registerWithin: null, reportMoveIn: null, reportMoveOut: null, fines: [] });
  });

  it('refuses a street no station covers, and a street that does not exist', async () => {
    const noStation = await postHouse(houseInput(STREETS.beijing));
    expect(noStation.status).toBe(422);
    expect(noStation.body.error.code).toBe('no_station_for_division');
    const unknown = await postHouse(houseInput('650102999'), { language: 'en' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'address.division', message: expect.stringContaining('Street or township') }]);
  });

  it('names each wrong field in the caller’s language', async () => {
    const body = { ...houseInput(STREETS.shenzhen), type: 'castle', rooms: 0, maxOccupants: 2.5, safety: { smokeAlarm: true } };
    const zh = await postHouse(body, { language: 'zh-CN' });
    expect(zh.status).toBe(400);
    const byPath = Object.fromEntries((zh.body.error.fields as Array<{ path: string; message: string }>).map((f) => [f.path, f.message]));
    expect(byPath).toMatchObject({
      type: expect.stringContaining('房屋类型'),
      rooms: expect.stringContaining('房间数'),
      maxOccupants: expect.stringContaining('最多居住人数'),
      'safety.extinguisher': expect.stringContaining('灭火器'),
      'safety.escapeRoute': expect.stringContaining('逃生通道'),
    });
    expect(byPath.rooms).toContain('至少为 1');
    expect(byPath.maxOccupants).toContain('整数');
    const en = await postHouse(body, { language: 'en' });
    const enByPath = Object.fromEntries((en.body.error.fields as Array<{ path: string; message: string }>).map((f) => [f.path, f.message]));
    expect(enByPath).toMatchObject({
      type: 'Type of house: choose one from the list',
      rooms: 'Rooms: at least 1',
      maxOccupants: 'Maximum occupants: enter a whole number',
      'safety.extinguisher': 'Fire extinguisher: required',
    });
  });

  it('a retry with the same Idempotency-Key returns the first house; the same key with another body is refused', async () => {
    const key = randomUUID();
    const body = houseInput(STREETS.shenzhen);
    const before = (await listOf(landlord.token)).length;
    const first = await postHouse(body, { key });
    const again = await postHouse(body, { key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await listOf(landlord.token)).toHaveLength(before + 1);
    const other = await postHouse({ ...body, rooms: 9 }, { key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });
});

describe('我的房屋 and one house', () => {
  it('a landlord without houses gets an empty list', async () => {
    const nobody = await newLandlord(product);
    expect(await listOf(nobody.token)).toEqual([]);
  });

  it('lists the houses with their current tenants, and reads one with its tenancies', async () => {
    const owner = await newLandlord(product);
    const first = await registerHouse(product, owner, STREETS.shenzhen, { room: '101' });
    const second = await registerHouse(product, owner, '210102001', { room: '202' });
    const reported = await reportTenants(product, owner, second.id, [tenantInput({ name: '王五', room: 'A' })]);
    expect(reported.status).toBe(201);

    const items = await listOf(owner.token);
    expect(items.map((h) => h.id)).toEqual([first.id, second.id]);
    expect(items[0]).toMatchObject({ role: 'owner', room: '101', tenants: [], pendingConfirmations: 0, overdueReports: 0 });
    expect(items[1]).toMatchObject({
      role: 'owner',
      occupancy: { occupants: 1, maxOccupants: 4, overCapacity: false },
      tenants: [{ id: reported.body.tenancies[0].id, name: '王五', room: 'A', status: 'awaitingTenant', overdue: false }],
    });

    const read = await call<House & { tenancies: any[] }>(product, 'GET', `/api/landlord/houses/${second.id}`, { token: owner.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: second.id, packId: 'liaoning', role: 'owner', agents: [], version: 2 });
    expect(read.body.tenancies).toHaveLength(1);
    expect(read.body.tenancies[0]).toMatchObject({
      status: 'awaitingTenant',
      startedBy: 'landlord',
      tenant: { name: '王五', hasAccount: false, citizenIdMasked: expect.stringMatching(/^\d{6}\*{8}\w{4}$/), phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) },
    });

    const unknown = await call(product, 'GET', '/api/landlord/houses/FW00000000', { token: owner.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('house_not_found');
  });
});

describe('correcting a house', () => {
  it('changes it at the version seen; a stale version is refused with house_changed', async () => {
    const house = await registerHouse(product, landlord, STREETS.shenzhen);
    const patched = await call<House>(product, 'PATCH', `/api/landlord/houses/${house.id}`, {
      token: landlord.token,
      body: { detail: '幸福路 1 号', room: null, rooms: 5, safety: { smokeAlarm: false, extinguisher: true, escapeRoute: true }, version: 1 },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ rooms: 5, version: 2, safety: { smokeAlarm: false }, address: { detail: '幸福路 1 号', division: STREETS.shenzhen } });
    expect(patched.body.room).toBeUndefined();

    const stale = await call(product, 'PATCH', `/api/landlord/houses/${house.id}`, { token: landlord.token, body: { rooms: 6, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('house_changed');

    const street = await call(product, 'PATCH', `/api/landlord/houses/${house.id}`, { token: landlord.token, language: 'en', body: { address: { division: '210102001' }, version: 2 } });
    expect(street.status).toBe(400);
  });

  it('may lower the maximum below the people living there: the house then shows over capacity', async () => {
    const house = await registerHouse(product, landlord, STREETS.shenzhen, { maxOccupants: 3 });
    expect((await reportTenants(product, landlord, house.id, [tenantInput(), tenantInput()])).status).toBe(201);
    const read = await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token });
    const lowered = await call<House>(product, 'PATCH', `/api/landlord/houses/${house.id}`, { token: landlord.token, body: { maxOccupants: 1, version: read.body.version } });
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    expect(lowered.body.occupancy).toEqual({ occupants: 2, maxOccupants: 1, overCapacity: true });
    const row = (await listOf(landlord.token)).find((h) => h.id === house.id);
    expect(row?.occupancy.overCapacity).toBe(true);
  });
});
