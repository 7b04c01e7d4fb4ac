/**
 * The officer verifies a landlord's report the tenant has not confirmed
 * (POST /api/officer/tenancies/{id}/verification), through the real API on DynamoDB Local: a tenant
 * with an account has their residence registered at once and is told; a pending person's tenancy
 * becomes active and their registration follows when they sign in and confirm; the stay registered
 * is what the tenant told the officer at the check (or, for a pending person, their own answer when
 * they confirm), never one made up; only the officer of the house's station may verify, and every
 * verification is audited.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { House, Tenancy } from '#shared/api/landlord';
import { db } from '#functions/commons/dynamo';
import { tenancyKey } from '#functions/landlord/items';
import { call } from '#test/support/api-client';
import { registerHouse, reportTenant, tenantCitizenId } from '#test/support/landlords';
import { profileBody } from '#test/support/residents';
import { auditOf, newMigrant, officersOf, type OrError } from '#test/integration/review/migrants';
import { answer, declarationsOf, declareAtHouse, landlord, messagesOf, product, signedInAs, startForFile, tenanciesOf } from './tenants.ts';

const DATONG = '140213050';

startForFile();
let house: House;
let officer: Awaited<ReturnType<typeof officersOf>>;

beforeAll(async () => {
  house = await registerHouse(product, landlord, DATONG, { maxOccupants: 20 });
  officer = await officersOf(product, 'datong-xinjianlu');
});

/** What the tenant told the officer at the check. */
const TOLD = { intendedStay: 'from30Days', reason: 'other', reasonDetail: '照顾住院的亲属' } as const;

const verify = (tenancyId: string, version: number, token = officer.token, stay: Record<string, string> = TOLD) =>
  call<OrError<Tenancy>>(product, 'POST', `/api/officer/tenancies/${tenancyId}/verification`, { token, language: 'en', body: { ...stay, version } });

/** The stored tenancy: the stay kept on it is in no view. */
const storedStay = async (id: string) =>
  (await db().send(new GetCommand({ TableName: product.tableName, Key: tenancyKey(id), ConsistentRead: true }))).Item?.stay;

let nextPhone = 13200000000 + Math.floor(Math.random() * 1_000_000) * 100;

describe('verifying a landlord’s report', () => {
  it('registers the residence of a tenant with an account and tells them; audited under the tenant', async () => {
    const tenant = await newMigrant(product, '马丽');
    const reported = await reportTenant(product, landlord, house.id, { name: tenant.name, citizenId: tenant.citizenId, phone: tenant.phone });
    const verified = await verify(reported.id, reported.version);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'active', declarationId: expect.stringMatching(/^JD/), tenant: { hasAccount: true } });
    expect(verified.body.history.at(-1)).toMatchObject({ event: 'verifiedByOfficer', actor: 'officer' });

    const declarationId = verified.body.declarationId!;
    expect((await declarationsOf(product, tenant.token)).map((d) => [d.id, d.status])).toEqual([[declarationId, 'registered']]);
    const declaration = (await call(product, 'GET', `/api/me/declarations/${declarationId}`, { token: tenant.token })).body;
    expect(declaration.history.map((h: { event: string; actor: string }) => [h.event, h.actor])).toEqual([
      ['reportedByLandlord', 'landlord'],
      ['verified', 'officer'],
    ]);
    expect(declaration).toMatchObject({ houseId: house.id, tenancyId: reported.id, housing: 'rented', ...TOLD });
    expect((await messagesOf(product, tenant.token))[0]).toMatchObject({ kind: 'tenancyVerified', declarationId, tenancyId: reported.id });
    expect((await product.readOutbox(tenant.phone))[0]?.text).toContain(declarationId);
    expect(await auditOf(product, tenant.accountId)).toEqual([
      expect.objectContaining({ action: 'verifyTenancy', officerId: officer.id, stationId: 'datong-xinjianlu', tenancyId: reported.id, houseId: house.id, declarationId }),
    ]);
    // Nothing left for the tenant to confirm.
    expect((await tenanciesOf(product, tenant.token))[0]).toMatchObject({ status: 'active', canConfirm: false });
  });

  it('makes a pending person’s tenancy active; their registration follows when they sign in and confirm', async () => {
    const person = { name: '陈七', citizenId: tenantCitizenId(), phone: String(++nextPhone) };
    const reported = await reportTenant(product, landlord, house.id, person);
    const verified = await verify(reported.id, reported.version);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'active', tenant: { hasAccount: false } });
    expect(verified.body).not.toHaveProperty('declarationId');
    // Kept until the person confirms themselves.
    expect(await storedStay(reported.id)).toEqual(TOLD);
    expect((await auditOf(product, landlord.accountId)).map((a) => [a.action, a.tenancyId])).toContainEqual(['verifyTenancy', reported.id]);

    const holder = await signedInAs(product, person.phone);
    expect((await tenanciesOf(product, holder.token))[0]).toMatchObject({ id: reported.id, status: 'active', needsProfile: true, canConfirm: false });
    await call(product, 'PUT', '/api/me/profile', { token: holder.token, body: profileBody(person.citizenId, { name: person.name }) });
    const [listed] = await tenanciesOf(product, holder.token);
    expect(listed).toMatchObject({ canConfirm: true, needsProfile: false });
    const confirmed = await answer(product, holder.token, reported.id, listed!.version);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'active', declarationId: expect.stringMatching(/^JD/) });
    expect(confirmed.body.history.map((h) => h.event)).toEqual(['reportedByLandlord', 'verifiedByOfficer', 'confirmedByTenant']);
    expect((await declarationsOf(product, holder.token)).map((d) => d.status)).toEqual(['registered']);
    // Their own answer, not what the officer recorded at the check.
    const registered = (await call(product, 'GET', `/api/me/declarations/${confirmed.body.declarationId}`, { token: holder.token })).body;
    expect(registered).toMatchObject({ intendedStay: 'from1Year', reason: 'work' });
    expect(registered).not.toHaveProperty('reasonDetail');
    expect(await storedStay(reported.id)).toEqual({ intendedStay: 'from1Year', reason: 'work' });
    const again = await answer(product, holder.token, reported.id, confirmed.body.version);
    expect(again.status).toBe(409);
  });

  it('needs the stay the tenant told the officer: 400 naming the missing field, and nothing changes', async () => {
    const tenant = await newMigrant(product);
    const reported = await reportTenant(product, landlord, house.id, { name: tenant.name, citizenId: tenant.citizenId, phone: tenant.phone });
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ reason: 'work' }, 'intendedStay', 'Intended stay: choose one from the list'],
      [{ intendedStay: 'from1Year' }, 'reason', 'Reason for living here: choose one from the list'],
      [{ intendedStay: 'from1Year', reason: 'other' }, 'reasonDetail', 'Reason details: required'],
      [{ intendedStay: 'from1Year', reason: 'other', reasonDetail: '   ' }, 'reasonDetail', 'Reason details: required'],
    ];
    for (const [stay, path, message] of cases) {
      const refused = await verify(reported.id, reported.version, officer.token, stay);
      expect(refused.status, JSON.stringify(stay)).toBe(400);
      expect(refused.body.error.fields).toEqual([{ path, message }]);
    }
    expect((await tenanciesOf(product, tenant.token))[0]).toMatchObject({ id: reported.id, status: 'awaitingTenant', version: reported.version });
    expect(await declarationsOf(product, tenant.token)).toEqual([]);

    const verified = await verify(reported.id, reported.version, officer.token, { intendedStay: 'from1Year', reason: 'study' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const declaration = (await call(product, 'GET', `/api/me/declarations/${verified.body.declarationId}`, { token: tenant.token })).body;
    expect(declaration).toMatchObject({ intendedStay: 'from1Year', reason: 'study' });
    expect(declaration).not.toHaveProperty('reasonDetail');
  });

  it('is for the officer of the house’s station only (403 not_your_station)', async () => {
    const reported = await reportTenant(product, landlord, house.id);
    const elsewhere = await officersOf(product, 'shenyang-taiyuanjie');
    const refused = await verify(reported.id, reported.version, elsewhere.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_your_station');
    const unknown = await verify('ZL20260101-000000', 1);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('tenancy_not_found');
    const resident = await newMigrant(product);
    expect((await verify(reported.id, reported.version, resident.token)).status).toBe(403);
  });

  it('refuses a stale version, and a tenant’s own request (verified in the declaration queue)', async () => {
    const reported = await reportTenant(product, landlord, house.id);
    const stale = await verify(reported.id, reported.version + 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('tenancy_changed');

    const tenant = await newMigrant(product);
    const { id, tenancyId } = await declareAtHouse(product, tenant, house.id, DATONG);
    const request = (await tenanciesOf(product, tenant.token)).find((t) => t.id === tenancyId)!;
    const queued = await verify(tenancyId, request.version);
    expect(queued.status).toBe(409);
    expect(queued.body.error).toMatchObject({ code: 'tenancy_in_queue', message: expect.stringContaining(id) });
  });
});
