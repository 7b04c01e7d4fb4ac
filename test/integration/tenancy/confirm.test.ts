/**
 * The tenant's answer to a landlord's move-in report (POST /api/me/tenancies/{id}/confirmation),
 * through the real API on DynamoDB Local: confirming registers the residence at once and ends one
 * registered elsewhere; only the person whose ID number was reported may answer; a pending person
 * finds the report by the phone they sign in with and answers once their 实名信息 has that number;
 * saying it is not theirs declines it and tells the landlord.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { House } from '#shared/api/landlord';
import { call } from '#test/support/api-client';
import { registerHouse, reportTenant, tenantCitizenId } from '#test/support/landlords';
import { PERMIT_STREETS, registeredMigrant } from '#test/support/permits';
import { profileBody } from '#test/support/residents';
import { declare, newMigrant, type Migrant } from '#test/integration/review/migrants';
import { answer, declarationsOf, landlord, messagesOf, product, signedInAs, startForFile, tenanciesOf, today } from './tenants.ts';

const DATONG = '140213050';

startForFile();
let house: House;

beforeAll(async () => {
  house = await registerHouse(product, landlord, DATONG, { maxOccupants: 20 });
});

const occupants = async () => (await call<House>(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.occupancy.occupants;

/** The landlord reports `person` (name, ID number, phone) moving in today. */
const reportOf = (person: Pick<Migrant, 'name' | 'citizenId' | 'phone'>) =>
  reportTenant(product, landlord, house.id, { name: person.name, citizenId: person.citizenId, phone: person.phone });

let nextPhone = 13300000000 + Math.floor(Math.random() * 1_000_000) * 100;
/** Someone the landlord reports who has no account yet. */
const pendingPerson = () => ({ name: '陈七', citizenId: tenantCitizenId(), phone: String(++nextPhone) });

describe('confirming', () => {
  it('registers the residence at once: the house’s address, the landlord’s report and the tenant’s answer in its history', async () => {
    const tenant = await newMigrant(product, '马丽');
    const reported = await reportOf(tenant);
    expect(reported.tenant.hasAccount).toBe(true);
    const [listed] = await tenanciesOf(product, tenant.token);
    expect(listed).toMatchObject({ id: reported.id, status: 'awaitingTenant', startedBy: 'landlord', canConfirm: true, needsProfile: false, house: { id: house.id } });

    const confirmed = await answer(product, tenant.token, reported.id, listed!.version);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'active', canConfirm: false, needsProfile: false, declarationId: expect.stringMatching(/^JD/) });
    expect(confirmed.body.history.map((h) => [h.event, h.actor])).toEqual([
      ['reportedByLandlord', 'landlord'],
      ['confirmedByTenant', 'migrant'],
    ]);

    const declarationId = confirmed.body.declarationId!;
    expect((await declarationsOf(product, tenant.token)).find((d) => d.id === declarationId)?.status).toBe('registered');
    const declaration = (await call(product, 'GET', `/api/me/declarations/${declarationId}`, { token: tenant.token })).body;
    expect(declaration).toMatchObject({
      status: 'registered',
      housing: 'rented',
      intendedStay: 'from1Year',
      reason: 'work',
      moveInDate: today(),
      houseId: house.id,
      tenancyId: reported.id,
      landlordConfirmation: { state: 'confirmed' },
      registeredAt: expect.any(String),
      address: { division: DATONG, detail: `${house.address.detail} 3栋2单元501室` },
      deadline: { packId: 'datong', filing: 'onTime' },
    });
    expect(declaration).not.toHaveProperty('landlordPhone');
    expect(declaration.history.map((h: { event: string; actor: string }) => [h.event, h.actor])).toEqual([
      ['reportedByLandlord', 'landlord'],
      ['confirmedByTenant', 'migrant'],
    ]);
    const told = (await messagesOf(product, landlord.token)).find((m) => m.kind === 'tenantConfirmed' && m.tenancyId === reported.id);
    expect(told?.body).toContain('马丽');
    expect((await product.readOutbox(landlord.phone)).some((m) => m.text.includes(reported.id))).toBe(true);

    const twice = await answer(product, tenant.token, reported.id, confirmed.body.version);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('tenancy_changed');
  });

  it('ends a residence registered elsewhere', async () => {
    const tenant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, today());
    const reported = await reportOf(tenant);
    const confirmed = await answer(product, tenant.token, reported.id, reported.version);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const mine = await declarationsOf(product, tenant.token);
    expect(mine.find((d) => d.id === tenant.declarationId)?.status).toBe('ended');
    expect(mine.find((d) => d.id === confirmed.body.declarationId)?.status).toBe('registered');
    const old = (await call(product, 'GET', `/api/me/declarations/${tenant.declarationId}`, { token: tenant.token })).body;
    expect(old.history.at(-1)).toMatchObject({ event: 'superseded', actor: 'migrant' });
    expect((await messagesOf(product, tenant.token)).map((m) => m.kind)).toContain('declarationEnded');
  });

  it('waits while the tenant has a declaration in review (409 declaration_in_progress)', async () => {
    const tenant = await newMigrant(product);
    const inReview = await declare(product, tenant, PERMIT_STREETS.shenzhen, today());
    const reported = await reportOf(tenant);
    const refused = await answer(product, tenant.token, reported.id, reported.version);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('declaration_in_progress');
    expect((await declarationsOf(product, tenant.token)).map((d) => d.id)).toEqual([inReview.id]);
    expect((await tenanciesOf(product, tenant.token))[0]?.status).toBe('awaitingTenant');
  });

  it('is refused at a version not the stored one', async () => {
    const tenant = await newMigrant(product);
    const reported = await reportOf(tenant);
    const stale = await answer(product, tenant.token, reported.id, reported.version + 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('tenancy_changed');
  });
});

describe('who may answer', () => {
  it('someone the report is not about does not see it (404)', async () => {
    const reported = await reportOf(await newMigrant(product));
    const stranger = await newMigrant(product);
    const refused = await answer(product, stranger.token, reported.id, reported.version);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('tenancy_not_found');
    expect(await tenanciesOf(product, stranger.token)).toEqual([]);
  });

  it('the holder of the reported phone whose 实名信息 has another ID number may not (403)', async () => {
    const person = pendingPerson();
    const reported = await reportOf(person);
    const holder = await signedInAs(product, person.phone);
    const saved = await call(product, 'PUT', '/api/me/profile', { token: holder.token, body: profileBody(tenantCitizenId()) });
    expect(saved.status).toBe(200);
    expect((await tenanciesOf(product, holder.token))[0]).toMatchObject({ id: reported.id, canConfirm: false, needsProfile: true });
    const refused = await answer(product, holder.token, reported.id, reported.version);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('tenancy_not_yours');
  });

  it('a pending person finds the report at their first sign-in and confirms once their 实名信息 has the reported number', async () => {
    const person = pendingPerson();
    const reported = await reportOf(person);
    expect(reported.tenant.hasAccount).toBe(false);
    const holder = await signedInAs(product, person.phone);
    expect(await tenanciesOf(product, holder.token)).toEqual([expect.objectContaining({ id: reported.id, status: 'awaitingTenant', canConfirm: false, needsProfile: true })]);

    const noProfile = await answer(product, holder.token, reported.id, reported.version);
    expect(noProfile.status).toBe(409);
    expect(noProfile.body.error.code).toBe('profile_required');

    const saved = await call(product, 'PUT', '/api/me/profile', { token: holder.token, body: profileBody(person.citizenId, { name: person.name }) });
    expect(saved.status).toBe(200);
    // Found now by the ID number and by the phone: listed once.
    expect(await tenanciesOf(product, holder.token)).toEqual([expect.objectContaining({ id: reported.id, canConfirm: true, needsProfile: false })]);
    const confirmed = await answer(product, holder.token, reported.id, reported.version);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect((await declarationsOf(product, holder.token)).map((d) => d.status)).toEqual(['registered']);
  });
});

describe('declining', () => {
  it('declines the tenancy, the house has one occupant fewer and the landlord is told', async () => {
    const tenant = await newMigrant(product, '周八');
    const reported = await reportOf(tenant);
    const before = await occupants();
    const declined = await answer(product, tenant.token, reported.id, reported.version, 'decline');
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', canConfirm: false });
    expect(declined.body.history.at(-1)).toMatchObject({ event: 'declinedByTenant', actor: 'migrant' });
    expect(await occupants()).toBe(before - 1);
    expect(await declarationsOf(product, tenant.token)).toEqual([]);
    const told = (await messagesOf(product, landlord.token)).find((m) => m.kind === 'tenantDeclined' && m.tenancyId === reported.id);
    expect(told?.body).toContain('周八');
  });
});
