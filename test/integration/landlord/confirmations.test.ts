/**
 * Two-sided confirmation started by the tenant, through the real API on DynamoDB Local: a
 * declaration naming a house code asks its landlord (and stays out of the officer's queue); the
 * landlord's confirmation registers it without an officer; a decline with a reason sends it to the
 * station's queue; of a confirm and a decline sent at once exactly one wins; an agent may answer;
 * a move-in report of a person who already asked confirms their request instead of a second tenancy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { House, HouseSummary, Tenancy } from '#shared/api/landlord';
import { handler as referralSweep } from '#functions/tenancy/referral-sweep';
import { call } from '#test/support/api-client';
import { newLandlord, registerHouse, reportTenants, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { newMigrant, officersOf, type Migrant, type OrError } from '#test/integration/review/migrants';
import { declareAtHouse, messagesOf as messagesFor, today } from '#test/integration/tenancy/tenants';

/** Datong: the landlord reports within 10 days, so a request made today waits for the landlord. */
const DATONG = '140213050';
/** Shenzhen: the national rules set no reporting deadline, so a request is past its deadline at once. */
const SHENZHEN = '440304001';

let product: TestProduct;
let landlord: Landlord;
let house: House;

beforeAll(async () => {
  product = await startProduct();
  landlord = await newLandlord(product);
  house = await registerHouse(product, landlord, DATONG, { maxOccupants: 10 });
});

afterAll(async () => {
  await product?.close();
});

/** A tenant with an account who declares a residence at `houseId` (its street) as the portal does after a scan. */
async function requestAt(houseId: string, street = DATONG): Promise<{ tenant: Migrant; declarationId: string; tenancyId: string }> {
  const tenant = await newMigrant(product, '马丽');
  const { id, tenancyId, declaration } = await declareAtHouse(product, tenant, houseId, street);
  expect(declaration).toMatchObject({ status: 'submitted', houseId, landlordConfirmation: { state: 'requested' } });
  return { tenant, declarationId: id, tenancyId };
}

const confirmations = async (token: string) => (await call<{ items: Array<Tenancy & { house: { id: string } }> }>(product, 'GET', '/api/landlord/confirmations', { token })).body.items;

const decide = (tenancyId: string, body: Record<string, unknown>, token = landlord.token) =>
  call<OrError<Tenancy>>(product, 'POST', `/api/landlord/confirmations/${tenancyId}`, { token, language: 'en', body });

const declarationOf = async (tenant: Migrant, id: string) => (await call(product, 'GET', `/api/me/declarations/${id}`, { token: tenant.token })).body;

const officerQueue = async (station: string) => {
  const officer = await officersOf(product, station);
  const answer = await call(product, 'GET', '/api/officer/declarations?limit=50', { token: officer.token });
  expect(answer.status).toBe(200);
  return (answer.body.items as Array<{ id: string }>).map((i) => i.id);
};

const messagesOf = (tenant: Migrant) => messagesFor(product, tenant.token);

describe('a tenant’s request', () => {
  it('waits for the landlord, listed oldest deadline first, and is in no officer queue meanwhile', async () => {
    const first = await requestAt(house.id);
    const second = await requestAt(house.id);
    const items = await confirmations(landlord.token);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([first.tenancyId, second.tenancyId]));
    expect(items.map((i) => i.confirmBy)).toEqual([...items.map((i) => i.confirmBy)].sort());
    expect(items.find((i) => i.id === first.tenancyId)).toMatchObject({
      status: 'awaitingLandlord',
      startedBy: 'tenant',
      overdue: false,
      declarationId: first.declarationId,
      tenant: { name: '马丽', hasAccount: true },
      house: { id: house.id, address: { division: DATONG } },
    });
    const row = (await call<{ items: HouseSummary[] }>(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items.find((h) => h.id === house.id);
    expect(row?.pendingConfirmations).toBeGreaterThanOrEqual(2);
    expect(await officerQueue('datong-xinjianlu')).not.toContain(first.declarationId);
  });

  it('past its deadline it shows as overdue to the landlord', async () => {
    const shenzhen = await registerHouse(product, landlord, SHENZHEN);
    const request = await requestAt(shenzhen.id, SHENZHEN);
    const item = (await confirmations(landlord.token)).find((i) => i.id === request.tenancyId);
    expect(item).toMatchObject({ overdue: true, status: 'awaitingLandlord' });
    const row = (await call<{ items: HouseSummary[] }>(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items.find((h) => h.id === shenzhen.id);
    expect(row).toMatchObject({ pendingConfirmations: 1, overdueReports: 1, tenants: [expect.objectContaining({ id: request.tenancyId, overdue: true })] });
  });
});

describe('the landlord confirms', () => {
  it('registers the declaration without an officer; the tenant is told', async () => {
    const { tenant, declarationId, tenancyId } = await requestAt(house.id);
    const before = (await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants;
    const confirmed = await decide(tenancyId, { decision: 'confirm' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'active', moveInReport: { filing: 'onTime', filedAt: expect.any(String) } });
    expect(confirmed.body.history.map((h) => [h.event, h.actor])).toEqual([
      ['requestedByTenant', 'migrant'],
      ['confirmedByLandlord', 'landlord'],
    ]);

    const declaration = await declarationOf(tenant, declarationId);
    expect(declaration).toMatchObject({ status: 'registered', registeredAt: expect.any(String), landlordConfirmation: { state: 'confirmed', at: expect.any(String) } });
    expect(declaration.history.map((h: { actor: string }) => h.actor)).not.toContain('officer');
    expect(declaration.history.at(-1)).toMatchObject({ event: 'confirmedByLandlord', actor: 'landlord' });
    expect((await messagesOf(tenant))[0]).toMatchObject({ kind: 'declarationConfirmed', declarationId });
    expect((await product.readOutbox(tenant.phone))[0]?.text).toContain(declarationId);
    // Still one occupant: the request counted from the start.
    expect((await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants).toBe(before);
    expect((await confirmations(landlord.token)).map((i) => i.id)).not.toContain(tenancyId);
    // Nothing in progress any more: the tenant may declare again.
    const again = await call(product, 'POST', '/api/me/declarations', {
      token: tenant.token,
      body: { address: { division: DATONG, detail: '新建路 1 号' }, moveInDate: today(), intendedStay: 'from1Year', reason: 'work', housing: 'own', changeOf: declarationId },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);

    const twice = await decide(tenancyId, { decision: 'confirm' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('tenancy_changed');
  });

  it('an agent of the house may confirm', async () => {
    const agent = await newLandlord(product);
    expect((await call(product, 'POST', `/api/landlord/houses/${house.id}/agents`, { token: landlord.token, body: { phone: agent.phone } })).status).toBe(201);
    const { tenant, declarationId, tenancyId } = await requestAt(house.id);
    expect((await confirmations(agent.token)).map((i) => i.id)).toContain(tenancyId);
    const confirmed = await decide(tenancyId, { decision: 'confirm' }, agent.token);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect((await declarationOf(tenant, declarationId)).status).toBe('registered');
  });

  it('a move-in report of a person who already asked confirms their request instead of adding a tenancy', async () => {
    const { tenant, declarationId, tenancyId } = await requestAt(house.id);
    const before = (await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants;
    const reported = await reportTenants(product, landlord, house.id, [tenantInput({ name: tenant.name, citizenId: tenant.citizenId, phone: tenant.phone }), tenantInput({ name: '新人' })]);
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.tenancies[0]).toMatchObject({ id: tenancyId, status: 'active', startedBy: 'tenant' });
    expect(reported.body.tenancies[1]).toMatchObject({ status: 'awaitingTenant', startedBy: 'landlord' });
    expect(reported.body.occupancy.occupants).toBe(before + 1);
    expect((await declarationOf(tenant, declarationId)).status).toBe('registered');
  });
});

describe('after the request went to the officer', () => {
  it('the landlord may still confirm: the declaration leaves the queue registered', async () => {
    const shenzhen = await registerHouse(product, landlord, SHENZHEN);
    const { tenant, declarationId, tenancyId } = await requestAt(shenzhen.id, SHENZHEN);
    await referralSweep({});
    expect(await declarationOf(tenant, declarationId)).toMatchObject({ status: 'submitted', landlordConfirmation: { state: 'referred' } });
    expect(await officerQueue('shenzhen-futian')).toContain(declarationId);

    const confirmed = await decide(tenancyId, { decision: 'confirm' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(await declarationOf(tenant, declarationId)).toMatchObject({ status: 'registered', landlordConfirmation: { state: 'confirmed' } });
    expect(await officerQueue('shenzhen-futian')).not.toContain(declarationId);
  });
});

describe('the landlord declines', () => {
  it('needs a reason', async () => {
    const { tenancyId } = await requestAt(house.id);
    const answer = await decide(tenancyId, { decision: 'decline' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'reason', message: expect.stringContaining('required') }]);
  });

  it('sends the declaration to the station’s officer queue with the reason; the house has one occupant fewer', async () => {
    const { tenant, declarationId, tenancyId } = await requestAt(house.id);
    const before = (await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants;
    const declined = await decide(tenancyId, { decision: 'decline', reason: '此人未在本房屋居住' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined' });
    expect(declined.body.history.at(-1)).toMatchObject({ event: 'declinedByLandlord', actor: 'landlord', note: '此人未在本房屋居住' });

    const declaration = await declarationOf(tenant, declarationId);
    expect(declaration).toMatchObject({ status: 'submitted', landlordConfirmation: { state: 'declined', reason: '此人未在本房屋居住' } });
    expect(declaration.history.at(-1)).toMatchObject({ event: 'declinedByLandlord', actor: 'landlord', note: '此人未在本房屋居住' });
    expect(await officerQueue('datong-xinjianlu')).toContain(declarationId);
    const message = (await messagesOf(tenant))[0];
    expect(message).toMatchObject({ kind: 'confirmationDeclined', declarationId });
    expect(message?.body).toContain('此人未在本房屋居住');
    expect((await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants).toBe(before - 1);
  });
});

describe('a confirm and a decline at once', () => {
  it('exactly one wins; the other is told the tenancy changed', async () => {
    const { tenant, declarationId, tenancyId } = await requestAt(house.id);
    const answers = await Promise.all([decide(tenancyId, { decision: 'confirm' }), decide(tenancyId, { decision: 'decline', reason: '不认识' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.error.code).toBe('tenancy_changed');
    const won = answers.find((a) => a.status === 200)!;
    const declaration = await declarationOf(tenant, declarationId);
    expect(declaration.status).toBe(won.body.status === 'active' ? 'registered' : 'submitted');
  });
});
