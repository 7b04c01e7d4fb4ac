/**
 * The landlord's move-out report (人走注销) on DynamoDB Local with the clock pinned to Wednesday
 * 18 March 2026: the tenancy ends, judged against the pack's move-out deadline (Ningxia's 3
 * working days, Datong's 10 days), a late report goes on the station's list, the house has one
 * occupant fewer, the tenant's registration at the house ends (or their declaration in review is
 * withdrawn) in the same change, and the tenant is told.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { House, Tenancy } from '#shared/api/landlord';
import { db } from '#functions/commons/dynamo';
import { call } from '#test/support/api-client';
import { newLandlord, registerHouse, reportTenant, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { declare, newMigrant, pinToday, unpinToday, type Migrant } from '#test/integration/review/migrants';
import { declareAtHouse } from '#test/integration/tenancy/tenants';

const TODAY = '2026-03-18';
const NINGXIA = '640104001';
const DATONG = '140213050';

let product: TestProduct;
let landlord: Landlord;
let tenants: Migrant[];
let ningxia: House;
let datong: House;

beforeAll(async () => {
  product = await startProduct();
  // Tokens are signed by the real clock: sign in first, then move "today".
  [landlord, ...tenants] = await Promise.all([newLandlord(product), newMigrant(product, '阿里木'), newMigrant(product, '古丽'), newMigrant(product, '艾力')]);
  pinToday(TODAY);
  ningxia = await registerHouse(product, landlord, NINGXIA);
  datong = await registerHouse(product, landlord, DATONG);
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

const moveOut = (tenancyId: string, body: Record<string, unknown>) =>
  call<Tenancy>(product, 'POST', `/api/landlord/tenancies/${tenancyId}/move-out`, { token: landlord.token, language: 'en', body });

const occupantsOf = async (house: House) => (await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants;

const lateMoveOuts = async (station: string) =>
  (
    (
      await db().send(
        new QueryCommand({
          TableName: product.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `LATE#${station}` },
          ConsistentRead: true,
        }),
      )
    ).Items ?? []
  ).filter((i) => i.report === 'moveOut');

const declarationOf = async (tenant: Migrant, id: string) => (await call(product, 'GET', `/api/me/declarations/${id}`, { token: tenant.token })).body;

/** A tenant's request at `house` (declared after scanning its code); the declaration and tenancy ids. */
async function requestAt(tenant: Migrant, house: House, moveInDate: string) {
  const { id, tenancyId } = await declareAtHouse(product, tenant, house.id, house.address.division, { moveInDate });
  return { declarationId: id, tenancyId };
}

describe('the move-out deadline', () => {
  it('Ningxia, moved out 10 March: 3 working days ended 13 March, so the report is late and on the station’s list', async () => {
    const tenant = tenantInput({ moveInDate: '2026-03-02' });
    const tenancy = await reportTenant(product, landlord, ningxia.id, tenant);
    const before = await occupantsOf(ningxia);
    const ended = await moveOut(tenancy.id, { movedOutOn: '2026-03-10', version: tenancy.version });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      moveOutDate: '2026-03-10',
      moveOutReport: { filing: 'late', lastDay: '2026-03-13', filedAt: expect.stringMatching(/^2026-03-18/), deadlines: [expect.objectContaining({ path: 'landlord.reportMoveOut' })] },
    });
    expect(ended.body.history.at(-1)).toMatchObject({ event: 'movedOut', actor: 'landlord' });
    expect(await occupantsOf(ningxia)).toBe(before - 1);
    expect((await lateMoveOuts('yinchuan-xinhuajie')).find((l) => l.tenancyId === tenancy.id)).toMatchObject({ lastDay: '2026-03-13', houseId: ningxia.id });
    // A pending person is texted at the number the landlord reported.
    expect((await product.readOutbox(tenant.phone))[0]?.text).toContain('搬离');
  });

  it('Datong, moved out yesterday: within the 10 days, on time and on no list', async () => {
    const tenancy = await reportTenant(product, landlord, datong.id, { moveInDate: '2026-03-16' });
    const ended = await moveOut(tenancy.id, { movedOutOn: '2026-03-17' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.moveOutReport).toMatchObject({ filing: 'onTime', lastDay: '2026-03-27' });
    expect((await lateMoveOuts('datong-xinjianlu')).map((l) => l.tenancyId)).not.toContain(tenancy.id);
  });
});

describe('the tenant’s registration', () => {
  it('a registration at the house ends on the move-out date and the tenant gets a message', async () => {
    const tenant = tenants[0]!;
    const { declarationId, tenancyId } = await requestAt(tenant, datong, '2026-03-16');
    expect((await call(product, 'POST', `/api/landlord/confirmations/${tenancyId}`, { token: landlord.token, body: { decision: 'confirm' } })).status).toBe(200);
    expect((await declarationOf(tenant, declarationId)).status).toBe('registered');
    const before = await occupantsOf(datong);

    const ended = await moveOut(tenancyId, { movedOutOn: TODAY });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const declaration = await declarationOf(tenant, declarationId);
    expect(declaration).toMatchObject({ status: 'ended', movedOut: { on: TODAY, deadline: null } });
    expect(declaration.history.at(-1)).toMatchObject({ event: 'movedOut', actor: 'landlord' });
    expect(await occupantsOf(datong)).toBe(before - 1);
    const messages = (await call(product, 'GET', '/api/me/messages', { token: tenant.token, language: 'en' })).body.items;
    expect(messages[0]).toMatchObject({ kind: 'tenancyEnded', tenancyId, houseId: datong.id, title: 'Your landlord reported your move-out' });
    // (The outbox orders by the pinned clock: the sign-in code, sent by the real one, sorts first.)
    expect((await product.readOutbox(tenant.phone)).map((m) => m.text)).toContainEqual(expect.stringMatching(new RegExp(`${TODAY} 搬离`)));
  });

  it('a declaration still waiting for the landlord is withdrawn, and the tenant may declare again', async () => {
    const tenant = tenants[1]!;
    const { declarationId, tenancyId } = await requestAt(tenant, datong, '2026-03-17');
    const ended = await moveOut(tenancyId, { movedOutOn: TODAY });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(await declarationOf(tenant, declarationId)).toMatchObject({ status: 'ended', movedOut: { on: TODAY } });
    const again = await declare(product, tenant, DATONG, TODAY);
    expect(again.id).not.toBe(declarationId);
  });

  it('a tenant with an account and no declaration yet gets the message too', async () => {
    const tenant = tenants[2]!;
    const tenancy = await reportTenant(product, landlord, ningxia.id, { name: tenant.name, citizenId: tenant.citizenId, phone: tenant.phone, moveInDate: '2026-03-16' });
    expect(tenancy.tenant.hasAccount).toBe(true);
    expect((await moveOut(tenancy.id, { movedOutOn: '2026-03-17' })).status).toBe(200);
    const messages = (await call(product, 'GET', '/api/me/messages', { token: tenant.token })).body.items;
    expect(messages[0]).toMatchObject({ kind: 'tenancyEnded', tenancyId: tenancy.id });
  });
});

describe('what is refused', () => {
  it('a date before the move-in or after today, a stale version, and a second move-out', async () => {
    const tenancy = await reportTenant(product, landlord, ningxia.id, { moveInDate: '2026-03-16' });
    const early = await moveOut(tenancy.id, { movedOutOn: '2026-03-15' });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ error: { fields: [{ path: 'movedOutOn', message: 'Move-out date: cannot be before the move-in date' }] } });
    const future = await moveOut(tenancy.id, { movedOutOn: '2026-03-19' });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ error: { fields: [{ path: 'movedOutOn', message: 'Move-out date: cannot be later than today' }] } });
    const stale = await moveOut(tenancy.id, { movedOutOn: TODAY, version: tenancy.version + 1 });
    expect(stale.status).toBe(409);
    expect((await moveOut(tenancy.id, { movedOutOn: TODAY })).status).toBe(200);
    const twice = await moveOut(tenancy.id, { movedOutOn: TODAY });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'tenancy_changed' } });
  });
});
