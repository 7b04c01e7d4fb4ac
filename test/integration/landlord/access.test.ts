/**
 * Who may act for a house: its owner, and an agent the owner authorised by phone number, for that
 * house only. Another landlord gets the same 404 as for a house nobody registered on every house
 * and tenancy route; an agent may not manage agents; removing the agent ends their authority.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Agent as AgentSchema, House, HouseSummary } from '#shared/api/landlord';
import { db } from '#functions/commons/dynamo';
import { call } from '#test/support/api-client';
import { newLandlord, registerHouse, reportTenant, reportTenants, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { STREETS } from '#test/support/residents';

type Agent = z.infer<typeof AgentSchema>;

let product: TestProduct;
let owner: Landlord;
let stranger: Landlord;
let house: House;
let otherHouse: House;
let tenancyId: string;

beforeAll(async () => {
  product = await startProduct();
  [owner, stranger] = await Promise.all([newLandlord(product), newLandlord(product)]);
  house = await registerHouse(product, owner, STREETS.shenzhen);
  otherHouse = await registerHouse(product, owner, STREETS.shenzhen, { room: '909' });
  tenancyId = (await reportTenant(product, owner, house.id)).id;
});

afterAll(async () => {
  await product?.close();
});

/** The house's events (registered, corrected, agents), oldest first, from the table. */
const houseEvents = async () =>
  (
    await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
        ExpressionAttributeValues: { ':pk': `HOUSE#${house.id}`, ':event': 'EVENT#' },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const housesOf = async (token: string) => (await call<{ items: HouseSummary[] }>(product, 'GET', '/api/landlord/houses', { token })).body.items;

/** Every landlord route that names a house or a tenancy, as `who` would call it. */
const routesOn = (houseId: string, tenancy: string) => [
  ['GET', `/api/landlord/houses/${houseId}`, undefined, 'house_not_found'],
  ['PATCH', `/api/landlord/houses/${houseId}`, { rooms: 2, version: 1 }, 'house_not_found'],
  ['POST', `/api/landlord/houses/${houseId}/agents`, { phone: '13812345678' }, 'house_not_found'],
  ['DELETE', `/api/landlord/houses/${houseId}/agents/00000000-0000-0000-0000-000000000000`, undefined, 'house_not_found'],
  ['GET', `/api/landlord/houses/${houseId}/deadlines?event=moveIn&date=2026-01-05`, undefined, 'house_not_found'],
  ['POST', `/api/landlord/houses/${houseId}/tenancies`, { tenants: [tenantInput()] }, 'house_not_found'],
  ['POST', `/api/landlord/tenancies/${tenancy}/move-out`, { movedOutOn: tenantInput().moveInDate }, 'tenancy_not_found'],
  ['POST', `/api/landlord/confirmations/${tenancy}`, { decision: 'confirm' }, 'tenancy_not_found'],
] as const;

describe('another landlord', () => {
  it('gets 404 on every house and tenancy route of the first, exactly as for a house nobody registered', async () => {
    for (const [method, path, body, code] of routesOn(house.id, tenancyId)) {
      const answer = await call(product, method, path, { token: stranger.token, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code, `${method} ${path}`).toBe(code);
    }
    const nobodys = await call(product, 'GET', '/api/landlord/houses/FW00000000', { token: stranger.token });
    expect(nobodys.body).toEqual((await call(product, 'GET', `/api/landlord/houses/${house.id}`, { token: stranger.token })).body);
  });

  it('sees none of them in 我的房屋 or among confirmations, and nothing changed', async () => {
    expect(await housesOf(stranger.token)).toEqual([]);
    expect((await call(product, 'GET', '/api/landlord/confirmations', { token: stranger.token })).body.items).toEqual([]);
    const read = await call<House & { tenancies: unknown[] }>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: owner.token });
    expect(read.body).toMatchObject({ rooms: 3, agents: [], occupancy: { occupants: 1 } });
    expect(read.body.tenancies).toHaveLength(1);
  });
});

describe('an agent authorised by phone', () => {
  let agent: Landlord;
  let added: Agent;

  beforeAll(async () => {
    agent = await newLandlord(product);
    const answer = await call<Agent>(product, 'POST', `/api/landlord/houses/${house.id}/agents`, { token: owner.token, body: { phone: agent.phone } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    added = answer.body;
  });

  it('shows in the owner’s list of agents, masked; the same phone twice and the owner’s own phone are refused', async () => {
    expect(added).toMatchObject({ id: expect.any(String), phoneMasked: `${agent.phone.slice(0, 3)}****${agent.phone.slice(-4)}` });
    const read = await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: owner.token });
    expect(read.body.agents).toEqual([added]);
    const twice = await call(product, 'POST', `/api/landlord/houses/${house.id}/agents`, { token: owner.token, body: { phone: agent.phone } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('agent_exists');
    const own = await call(product, 'POST', `/api/landlord/houses/${house.id}/agents`, { token: owner.token, language: 'en', body: { phone: owner.phone } });
    expect(own.status).toBe(400);
    expect(own.body.error.fields).toEqual([{ path: 'phone', message: 'Phone number: you cannot make your own number an agent' }]);
  });

  it('lists and reads that house as an agent, without its agents, and no other house of the owner', async () => {
    const items = await housesOf(agent.token);
    expect(items.map((h) => [h.id, h.role])).toEqual([[house.id, 'agent']]);
    const read = await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: agent.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ role: 'agent', agents: [] });
    for (const [method, path, body, code] of routesOn(otherHouse.id, 'ZL20260101-000000')) {
      const answer = await call(product, method, path, { token: agent.token, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe(code);
    }
  });

  it('reports a tenant, moves one out and corrects the house; it may not add or remove agents (owner_only)', async () => {
    const reported = await reportTenants(product, agent, house.id, [tenantInput({ name: '赵六' })]);
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const movedOut = await call(product, 'POST', `/api/landlord/tenancies/${tenancyId}/move-out`, { token: agent.token, body: { movedOutOn: tenantInput().moveInDate } });
    expect(movedOut.status, JSON.stringify(movedOut.body)).toBe(200);
    expect(movedOut.body).toMatchObject({ status: 'ended', history: [{ event: 'reportedByLandlord' }, { event: 'movedOut', actor: 'landlord' }] });
    const version = (await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: agent.token })).body.version;
    const patched = await call<House>(product, 'PATCH', `/api/landlord/houses/${house.id}`, { token: agent.token, body: { rooms: 7, version } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ rooms: 7, role: 'agent', agents: [] });
    expect((await houseEvents()).filter((e) => e.event === 'updated')).toEqual([expect.objectContaining({ actor: 'agent', fields: ['rooms'] })]);
    const deadlines = await call(product, 'GET', `/api/landlord/houses/${house.id}/deadlines?event=moveOut&date=2026-01-05`, { token: agent.token });
    expect(deadlines.status).toBe(200);

    const addOther = await call(product, 'POST', `/api/landlord/houses/${house.id}/agents`, { token: agent.token, body: { phone: '13812345678' } });
    expect(addOther.status).toBe(403);
    expect(addOther.body.error.code).toBe('owner_only');
    const removeSelf = await call(product, 'DELETE', `/api/landlord/houses/${house.id}/agents/${added.id}`, { token: agent.token });
    expect(removeSelf.status).toBe(403);
    expect(removeSelf.body.error.code).toBe('owner_only');
  });

  it('loses the house once the owner removes the agent', async () => {
    const removed = await call(product, 'DELETE', `/api/landlord/houses/${house.id}/agents/${added.id}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: true });
    expect(await housesOf(agent.token)).toEqual([]);
    const read = await call(product, 'GET', `/api/landlord/houses/${house.id}`, { token: agent.token });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('house_not_found');
    const again = await call(product, 'DELETE', `/api/landlord/houses/${house.id}/agents/${added.id}`, { token: owner.token });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('agent_not_found');
    expect((await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: owner.token })).body.agents).toEqual([]);
    // The house's history, as the officer's view of it reads it.
    expect((await houseEvents()).map((e) => [e.event, e.actor])).toEqual([
      ['registered', 'owner'],
      ['agentAdded', 'owner'],
      ['updated', 'agent'],
      ['agentRemoved', 'owner'],
    ]);
  });
});
