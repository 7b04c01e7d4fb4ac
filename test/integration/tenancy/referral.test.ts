/**
 * The fallback of a tenant's request nobody answered, through the hourly job's handler and the real
 * API on DynamoDB Local with a movable clock: once the pack's reporting deadline has passed (Datong:
 * 10 days; the national rules set none, so at once) the job sends the declaration to the station's
 * officer queue with its proof, the tenant is told, and a second run changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { House } from '#shared/api/landlord';
import { handler as referralSweep } from '#functions/tenancy/referral-sweep';
import { call } from '#test/support/api-client';
import { registerHouse } from '#test/support/landlords';
import { newMigrant, officersOf, uploadProof, type Migrant } from '#test/integration/review/migrants';
import { DAY_MS, declareAtHouse, landlord, messagesOf, moveClock, product, startForFile, tenanciesOf } from './tenants.ts';

const DATONG = '140213050';
const SHENZHEN = '440304001';

startForFile();
let datong: House;
let shenzhen: House;

beforeAll(async () => {
  datong = await registerHouse(product, landlord, DATONG);
  shenzhen = await registerHouse(product, landlord, SHENZHEN);
});

const queue = async (station: string) => {
  const officer = await officersOf(product, station);
  const answer = await call(product, 'GET', '/api/officer/declarations?limit=50', { token: officer.token });
  expect(answer.status).toBe(200);
  return { officer, ids: (answer.body.items as Array<{ id: string }>).map((i) => i.id) };
};

const declarationOf = async (tenant: Migrant, id: string) => (await call(product, 'GET', `/api/me/declarations/${id}`, { token: tenant.token })).body;

/** Everything a run could change about a request: the declaration, the tenancy, the tenant's messages and texts. */
const snapshot = async (tenant: Migrant, id: string) => ({
  declaration: await declarationOf(tenant, id),
  tenancies: await tenanciesOf(product, tenant.token),
  messages: (await messagesOf(product, tenant.token)).length,
  texts: (await product.readOutbox(tenant.phone)).length,
});

/** Runs the job, then again: the second run must find nothing and change nothing. */
async function runTwice(tenant: Migrant, id: string) {
  const counts = await referralSweep({});
  const before = await snapshot(tenant, id);
  expect(await referralSweep({})).toEqual({ examined: 0, referred: 0, failed: 0 });
  expect(await snapshot(tenant, id)).toEqual(before);
  return counts;
}

describe('the hourly referral job', () => {
  it('under the national rules refers a request at once', async () => {
    const tenant = await newMigrant(product, '马丽');
    const { id, tenancyId } = await declareAtHouse(product, tenant, shenzhen.id, SHENZHEN);
    expect((await queue('shenzhen-futian')).ids).not.toContain(id);
    moveClock(60_000);
    expect(await runTwice(tenant, id)).toMatchObject({ examined: 1, referred: 1, failed: 0 });
    expect(await declarationOf(tenant, id)).toMatchObject({ status: 'submitted', landlordConfirmation: { state: 'referred', at: expect.any(String) } });
    expect((await queue('shenzhen-futian')).ids).toContain(id);
    const tenancy = (await tenanciesOf(product, tenant.token)).find((t) => t.id === tenancyId);
    // Still unanswered: the landlord may confirm, and the officer sees it past its deadline.
    expect(tenancy).toMatchObject({ status: 'awaitingLandlord', overdue: true });
    expect(tenancy?.history.at(-1)).toMatchObject({ event: 'referredToOffice', actor: 'system' });
  });

  it('in Datong waits for the 10 days the landlord has to report, then refers the request with its proof', async () => {
    const tenant = await newMigrant(product, '古丽');
    const proofUploadId = await uploadProof(product, tenant);
    const { id, tenancyId } = await declareAtHouse(product, tenant, datong.id, DATONG, { proofUploadId });

    moveClock(9 * DAY_MS);
    expect(await runTwice(tenant, id)).toEqual({ examined: 0, referred: 0, failed: 0 });
    expect(await declarationOf(tenant, id)).toMatchObject({ landlordConfirmation: { state: 'requested' } });
    expect((await queue('datong-xinjianlu')).ids).not.toContain(id);

    moveClock(2 * DAY_MS);
    expect(await runTwice(tenant, id)).toEqual({ examined: 1, referred: 1, failed: 0 });
    const declaration = await declarationOf(tenant, id);
    expect(declaration).toMatchObject({ status: 'submitted', landlordConfirmation: { state: 'referred' } });
    expect(declaration.history.map((h: { event: string; actor: string }) => [h.event, h.actor])).toEqual([
      ['submitted', 'migrant'],
      ['referredToOffice', 'system'],
    ]);

    const { officer, ids } = await queue('datong-xinjianlu');
    expect(ids).toContain(id);
    const review = await call(product, 'GET', `/api/officer/declarations/${id}`, { token: officer.token });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ houseId: datong.id, tenancyId, landlordConfirmation: { state: 'referred' } });
    expect(review.body.documents).toEqual([expect.objectContaining({ kind: 'residenceProof', url: expect.any(String) })]);

    const [message] = await messagesOf(product, tenant.token);
    expect(message).toMatchObject({ kind: 'confirmationReferred', declarationId: id, tenancyId, title: 'Your declaration has gone to an officer' });
    expect((await product.readOutbox(tenant.phone))[0]?.text).toContain(id);
  });
});
