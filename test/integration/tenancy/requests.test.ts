/**
 * The tenant's side of a declaration at a registered rental house, through the real API on
 * DynamoDB Local: the declaration asks the landlord and stays out of the officer's queue, the
 * landlord gets a message, the address must be the house's, Xinjiang still asks for proof; an
 * officer verifying it in the queue makes the tenancy active; the tenant moving out ends it; a
 * corrected declaration at another house withdraws the first request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { House } from '#shared/api/landlord';
import { handler as referralSweep } from '#functions/tenancy/referral-sweep';
import { call } from '#test/support/api-client';
import { newLandlord, registerHouse } from '#test/support/landlords';
import { declarationInput, newMigrant, officersOf, URUMQI, type OrError } from '#test/integration/review/migrants';
import { declarationsOf, declareAtHouse, landlord, messagesOf, product, startForFile, tenanciesOf, today } from './tenants.ts';

const DATONG = '140213050';
const DATONG_OTHER = '140213051';
const URUMQI_STREET = '650102002';
/** The national rules set no reporting deadline: the next run of the referral job sends a request to the officer. */
const SHENZHEN = '440304001';

startForFile();
let house: House;

beforeAll(async () => {
  house = await registerHouse(product, landlord, DATONG, { maxOccupants: 10 });
});

const occupants = async (houseId = house.id, owner = landlord) =>
  (await call<House>(product, 'GET', `/api/landlord/houses/${houseId}`, { token: owner.token })).body.occupancy.occupants;

const queueOf = async (station: string) => {
  const officer = await officersOf(product, station);
  const answer = await call(product, 'GET', '/api/officer/declarations?limit=50', { token: officer.token });
  expect(answer.status).toBe(200);
  return { officer, ids: (answer.body.items as Array<{ id: string }>).map((i) => i.id) };
};

const post = (token: string, body: unknown) => call<OrError<{ id: string }>>(product, 'POST', '/api/me/declarations', { token, language: 'en', body });

describe('a declaration at a rental house', () => {
  it('asks the landlord, counts as an occupant, and is in no officer queue while the landlord may answer', async () => {
    const before = await occupants();
    const tenant = await newMigrant(product, '马丽');
    const { id, tenancyId, declaration } = await declareAtHouse(product, tenant, house.id, DATONG);
    expect(declaration).toMatchObject({
      status: 'submitted',
      houseId: house.id,
      tenancyId: expect.stringMatching(/^ZL\d{8}-/),
      housing: 'rented',
      landlordConfirmation: { state: 'requested', due: expect.any(String) },
    });
    expect(declaration).not.toHaveProperty('landlordPhone');
    // Datong: the landlord reports within 10 days, and so has 10 days to answer.
    expect(Date.parse(declaration.landlordConfirmation.due) - Date.now()).toBeGreaterThan(9 * 24 * 3600 * 1000);
    expect(await occupants()).toBe(before + 1);
    expect((await queueOf('datong-xinjianlu')).ids).not.toContain(id);

    const [mine] = (await tenanciesOf(product, tenant.token)).filter((t) => t.id === tenancyId);
    expect(mine).toMatchObject({
      status: 'awaitingLandlord',
      startedBy: 'tenant',
      declarationId: id,
      canConfirm: false,
      needsProfile: false,
      house: { id: house.id, address: { division: DATONG } },
      history: [{ event: 'requestedByTenant', actor: 'migrant' }],
    });
    expect(mine).not.toHaveProperty('tenant');
  });

  it('sends the landlord a message and a text', async () => {
    const tenant = await newMigrant(product, '古丽');
    const { tenancyId } = await declareAtHouse(product, tenant, house.id, DATONG);
    const message = (await messagesOf(product, landlord.token)).find((m) => m.tenancyId === tenancyId);
    expect(message).toMatchObject({ kind: 'confirmationRequested', houseId: house.id, title: 'A tenant asks you to confirm' });
    expect(message?.body).toContain('古丽');
    expect(message?.body).toContain(tenancyId);
    const text = (await product.readOutbox(landlord.phone)).find((m) => m.text.includes(tenancyId));
    expect(text?.text).toContain('请登录确认');
  });

  it('must be at the house’s street', async () => {
    const tenant = await newMigrant(product);
    const answer = await post(tenant.token, declarationInput(DATONG_OTHER, today(), { houseCode: house.id, housing: 'rented' }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'address.division', message: 'Street or township: not the street of this house' }]);
    expect(await declarationsOf(product, tenant.token)).toEqual([]);
  });

  it('must be rented housing, and a code nobody registered is a 404', async () => {
    const tenant = await newMigrant(product);
    const owned = await post(tenant.token, declarationInput(DATONG, today(), { houseCode: house.id }));
    expect(owned.status).toBe(400);
    expect(owned.body.error.fields).toEqual([{ path: 'housing', message: 'Type of housing: at a registered rental house, the housing is rented' }]);
    const unknown = await post(tenant.token, declarationInput(DATONG, today(), { houseCode: 'FW00000000', housing: 'rented' }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('house_not_found');
  });

  it('in Xinjiang still needs the proof of residence', async () => {
    const urumqi = await registerHouse(product, landlord, URUMQI_STREET);
    const tenant = await newMigrant(product);
    const before = await occupants(urumqi.id);
    const answer = await post(tenant.token, declarationInput(URUMQI_STREET, today(), { houseCode: urumqi.id, housing: 'rented' }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'proof_required', fields: [{ path: 'proofUploadId' }] });
    // Nothing was written: no tenancy, no occupant.
    expect(await occupants(urumqi.id)).toBe(before);
    expect(await tenanciesOf(product, tenant.token)).toEqual([]);
    // With the proof it goes through, and the proof stays with the declaration for the officer.
    const { declaration } = await declareAtHouse(product, tenant, urumqi.id, URUMQI_STREET);
    expect(declaration.documents).toHaveLength(1);
    expect((await queueOf(URUMQI)).ids).not.toContain(declaration.id);
  });
});

describe('the officer verifies it in the queue', () => {
  it('after the landlord declined: the declaration is registered and the tenancy left as the landlord answered', async () => {
    const tenant = await newMigrant(product);
    const { id, tenancyId } = await declareAtHouse(product, tenant, house.id, DATONG);
    const declined = await call(product, 'POST', `/api/landlord/confirmations/${tenancyId}`, { token: landlord.token, body: { decision: 'decline', reason: '不认识' } });
    expect(declined.status).toBe(200);
    const { officer, ids } = await queueOf('datong-xinjianlu');
    expect(ids).toContain(id);
    const read = await call(product, 'GET', `/api/officer/declarations/${id}`, { token: officer.token });
    const verified = await call(product, 'POST', `/api/officer/declarations/${id}/decision`, { token: officer.token, body: { decision: 'verify', version: read.body.version } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'registered', landlordConfirmation: { state: 'declined' } });
    expect((await tenanciesOf(product, tenant.token)).find((t) => t.id === tenancyId)?.status).toBe('declined');
  });

  it('makes the tenancy of an unanswered request active in the same decision', async () => {
    const shenzhen = await registerHouse(product, landlord, SHENZHEN);
    const tenant = await newMigrant(product);
    const { id, tenancyId } = await declareAtHouse(product, tenant, shenzhen.id, SHENZHEN);
    await referralSweep({});
    const { officer, ids } = await queueOf('shenzhen-futian');
    expect(ids).toContain(id);
    const read = await call(product, 'GET', `/api/officer/declarations/${id}`, { token: officer.token });
    const verified = await call(product, 'POST', `/api/officer/declarations/${id}/decision`, { token: officer.token, body: { decision: 'verify', version: read.body.version } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const tenancy = (await tenanciesOf(product, tenant.token)).find((t) => t.id === tenancyId);
    expect(tenancy).toMatchObject({ status: 'active', overdue: false });
    expect(tenancy?.history.map((h) => [h.event, h.actor])).toEqual([
      ['requestedByTenant', 'migrant'],
      ['referredToOffice', 'system'],
      ['verifiedByOfficer', 'officer'],
    ]);
    // Answered: no longer waiting for the landlord.
    const waiting = (await call(product, 'GET', '/api/landlord/confirmations', { token: landlord.token })).body.items as Array<{ id: string }>;
    expect(waiting.map((w) => w.id)).not.toContain(tenancyId);
    expect((await queueOf('shenzhen-futian')).ids).not.toContain(id);
  });
});

describe('the tenant', () => {
  it('moving out ends the tenancy and the house has one occupant fewer', async () => {
    const tenant = await newMigrant(product);
    const { id, tenancyId } = await declareAtHouse(product, tenant, house.id, DATONG);
    const confirmed = await call(product, 'POST', `/api/landlord/confirmations/${tenancyId}`, { token: landlord.token, body: { decision: 'confirm' } });
    expect(confirmed.status).toBe(200);
    const before = await occupants();
    const moved = await call(product, 'POST', `/api/me/declarations/${id}/move-out`, { token: tenant.token, body: { movedOutOn: today() } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.status).toBe('ended');
    const tenancy = (await tenanciesOf(product, tenant.token)).find((t) => t.id === tenancyId);
    expect(tenancy).toMatchObject({ status: 'ended', moveOutDate: today() });
    expect(tenancy?.history.at(-1)).toMatchObject({ event: 'movedOut', actor: 'migrant' });
    expect(await occupants()).toBe(before - 1);
  });

  it('withdrawing a request the landlord has not answered ends it too', async () => {
    const tenant = await newMigrant(product);
    const before = await occupants();
    const { id, tenancyId } = await declareAtHouse(product, tenant, house.id, DATONG);
    const moved = await call(product, 'POST', `/api/me/declarations/${id}/move-out`, { token: tenant.token, body: { movedOutOn: today() } });
    expect(moved.status).toBe(200);
    expect((await tenanciesOf(product, tenant.token)).find((t) => t.id === tenancyId)?.status).toBe('ended');
    expect(await occupants()).toBe(before);
    const waiting = (await call(product, 'GET', '/api/landlord/confirmations', { token: landlord.token })).body.items as Array<{ id: string }>;
    expect(waiting.map((w) => w.id)).not.toContain(tenancyId);
  });

  it('correcting a returned declaration keeps the request at the same house, and withdraws it for another house', async () => {
    const first = await registerHouse(product, landlord, SHENZHEN);
    const other = await newLandlord(product);
    const second = await registerHouse(product, other, SHENZHEN);
    const tenant = await newMigrant(product);
    const { id, tenancyId } = await declareAtHouse(product, tenant, first.id, SHENZHEN);
    await referralSweep({});
    const { officer } = await queueOf('shenzhen-futian');
    const returnIt = async () => {
      const read = await call(product, 'GET', `/api/officer/declarations/${id}`, { token: officer.token });
      const returned = await call(product, 'POST', `/api/officer/declarations/${id}/decision`, {
        token: officer.token,
        body: { decision: 'return', reasons: ['addressIncomplete'], version: read.body.version },
      });
      expect(returned.status, JSON.stringify(returned.body)).toBe(200);
      return returned.body.version as number;
    };
    const resubmit = (houseCode: string, version: number) =>
      call(product, 'PUT', `/api/me/declarations/${id}`, {
        token: tenant.token,
        body: { declaration: declarationInput(SHENZHEN, today(), { houseCode, housing: 'rented' }), version },
      });

    // The same house: the request stays as it was (with the officer), no second tenancy.
    const same = await resubmit(first.id, await returnIt());
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toMatchObject({ status: 'submitted', houseId: first.id, tenancyId, landlordConfirmation: { state: 'referred' } });
    expect(await occupants(first.id)).toBe(1);

    // Another house: the first request is withdrawn, the new landlord is asked.
    const moved = await resubmit(second.id, await returnIt());
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ status: 'submitted', houseId: second.id, landlordConfirmation: { state: 'requested' } });
    expect(moved.body.tenancyId).not.toBe(tenancyId);
    const mine = await tenanciesOf(product, tenant.token);
    expect(mine.find((t) => t.id === moved.body.tenancyId)).toMatchObject({ status: 'awaitingLandlord', house: { id: second.id } });
    expect(mine.find((t) => t.id === tenancyId)).toMatchObject({ status: 'ended' });
    expect([await occupants(first.id), await occupants(second.id, other)]).toEqual([0, 1]);
    expect((await messagesOf(product, other.token)).map((m) => m.kind)).toContain('confirmationRequested');
    expect((await queueOf('shenzhen-futian')).ids).not.toContain(id);
  });
});
