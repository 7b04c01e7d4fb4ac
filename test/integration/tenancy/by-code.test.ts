/**
 * The house a tenant scanned or typed the code of (GET /api/houses/by-code/{code}), through the real
 * API on DynamoDB Local: the code is read however it was typed, an unknown one is a 404, and the
 * answer names the address and the landlord by surname only — never who lives there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { House, HouseForTenant } from '#shared/api/landlord';
import { call } from '#test/support/api-client';
import { registerHouse, reportTenant } from '#test/support/landlords';
import { newMigrant, type Migrant, type OrError } from '#test/integration/review/migrants';
import { landlord, product, startForFile } from './tenants.ts';

const DATONG = '140213050';

startForFile();
let house: House;
let tenant: Migrant;

beforeAll(async () => {
  house = await registerHouse(product, landlord, DATONG);
  tenant = await newMigrant(product, '马丽');
});

const byCode = (code: string, token = tenant.token) =>
  call<OrError<HouseForTenant>>(product, 'GET', `/api/houses/by-code/${encodeURIComponent(code)}`, { token, language: 'en' });

describe('GET /api/houses/by-code/{code}', () => {
  it('finds the house by its code however it was typed: case, spaces, dashes, O for 0 and I or L for 1', async () => {
    const printed = `${house.id.slice(0, 2)} ${house.id.slice(2, 6)}-${house.id.slice(6)}`.toLowerCase();
    const misread = house.id.slice(2).replaceAll('0', 'O').replaceAll('1', 'l');
    for (const code of [house.id, printed, misread, ` ${house.id.toLowerCase()} `]) {
      const found = await byCode(code);
      expect(found.status, code).toBe(200);
      expect(found.body.id, code).toBe(house.id);
    }
  });

  it('shows the address, the station and the landlord by surname only', async () => {
    const owner = await newMigrant(product, '王小明');
    const owned = await registerHouse(product, owner, DATONG);
    const found = await byCode(owned.id);
    expect(found.body).toEqual({
      id: owned.id,
      address: owned.address,
      building: '3',
      unit: '2',
      room: '501',
      type: 'apartment',
      packId: 'datong',
      station: { id: 'datong-xinjianlu', name: expect.any(String) },
      landlordMasked: '王*',
    });
    // A landlord without 实名信息 is shown by the masked phone the house record keeps.
    expect((await byCode(house.id)).body.landlordMasked).toBe(`${landlord.phone.slice(0, 3)}****${landlord.phone.slice(-4)}`);
  });

  it('leaks nothing about who lives there', async () => {
    const reported = await reportTenant(product, landlord, house.id, { name: '赵六' });
    expect(reported.status).toBe('awaitingTenant');
    const found = await byCode(house.id);
    const text = JSON.stringify(found.body);
    for (const secret of ['赵六', 'tenant', 'occupan', 'owner', 'phone', landlord.phone, landlord.accountId]) expect(text, secret).not.toContain(secret);
    expect(Object.keys(found.body).sort()).toEqual(['address', 'building', 'id', 'landlordMasked', 'packId', 'room', 'station', 'type', 'unit']);
  });

  it('answers 404 house_not_found for a code nobody registered and for text that is no code', async () => {
    for (const code of ['FW00000000', 'FW0000', 'hello', 'JD20261122-7KQ3M9']) {
      const missing = await byCode(code);
      expect(missing.status, code).toBe(404);
      expect(missing.body.error.code, code).toBe('house_not_found');
    }
  });

  it('is for signed-in residents only', async () => {
    expect((await call(product, 'GET', `/api/houses/by-code/${house.id}`)).status).toBe(401);
  });
});
