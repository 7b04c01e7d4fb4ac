/**
 * A housing agency's rows at a landlord's registered house, on DynamoDB Local with today pinned to
 * Thursday 19 March 2026: a move-in row is the landlord's report too — the house shows the tenant
 * waiting to confirm, reported on the landlord's side with the agency named, and the row's record
 * links the tenancy; the same file again, or another move-in of a person already there, starts no
 * second tenancy; a move-out row later ends the tenancy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { House, Tenancy } from '#shared/api/landlord';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { call } from '#test/support/api-client';
import { commitUpload, csvOf, newOrganisation, uploadSheet, waitForUpload, type TestOrganisation, type TestRow, reportsOf } from '#test/support/agency';
import { newLandlord, registerHouse, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId } from '#test/support/residents';
import { pinToday, unpinToday } from '#test/integration/review/migrants';

const TODAY = '2026-03-19';
const words = sheetTexts('zh-CN').events;

let product: TestProduct;
let landlord: Landlord;
let agency: TestOrganisation;

beforeAll(async () => {
  product = await startProduct();
  // Tokens are signed by the real clock: sign in first, then move "today".
  landlord = await newLandlord(product);
  pinToday(TODAY);
  agency = await newOrganisation(product, 'housingAgency');
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

const houseOf = async (id: string) => {
  const answer = await call<House & { tenancies: Tenancy[] }>(product, 'GET', `/api/landlord/houses/${id}`, { token: landlord.token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

const recordsOf = (orgId: string) => reportsOf(product, orgId);

/** Uploads `rows`, waits for the check, commits; the committed upload. */
async function commitRows(rows: TestRow[], fileName = 'tenants.csv') {
  const id = await uploadSheet(product, agency.token, fileName, csvOf(rows));
  const checked = await waitForUpload(product, agency.token, id, ['checked', 'failed']);
  expect(checked.status, JSON.stringify(checked)).toBe('checked');
  const committed = await commitUpload(product, agency.token, id);
  expect(committed.status, JSON.stringify(committed)).toBe('committed');
  return committed;
}

describe("a housing agency's rows at a registered house", () => {
  it('a move-in row starts the tenancy awaiting the tenant, once; a move-out row ends it', async () => {
    const house = await registerHouse(product, landlord, '140213050');
    const tenant = { name: '马丽', citizenId: citizenId('440304', '19850505', '017'), phone: '13711112222' };
    const moveIn: TestRow = { ...tenant, event: words.moveIn, date: '2026-03-18', houseCode: house.id };

    const first = await commitRows([moveIn]);
    expect(first.counts).toMatchObject({ valid: 1, written: 1, alreadyReported: 0 });
    const reported = await houseOf(house.id);
    expect(reported.occupancy.occupants).toBe(1);
    expect(reported.tenancies).toHaveLength(1);
    const [tenancy] = reported.tenancies;
    expect(tenancy).toMatchObject({
      status: 'awaitingTenant',
      startedBy: 'landlord',
      moveInDate: '2026-03-18',
      tenant: { name: '马丽', hasAccount: false },
      history: [{ event: 'reportedByLandlord', actor: 'landlord', note: expect.stringContaining(agency.id) }],
    });
    expect(tenancy!.confirmBy).toBeDefined();
    const [record] = await recordsOf(agency.id);
    expect(record).toMatchObject({ event: 'moveIn', houseCode: house.id, tenancyId: tenancy!.id });

    // The same file again: already reported, no second tenancy.
    const again = await commitRows([moveIn], 'again.csv');
    expect(again.counts).toMatchObject({ valid: 1, written: 0, alreadyReported: 1 });
    // Another move-in of the person already there: its record only.
    const present = await commitRows([{ ...moveIn, date: '2026-03-17' }], 'present.csv');
    expect(present.counts).toMatchObject({ valid: 1, written: 1 });
    const still = await houseOf(house.id);
    expect(still.tenancies.map((t) => t.id)).toEqual([tenancy!.id]);
    expect(still.occupancy.occupants).toBe(1);
    const linked = (await recordsOf(agency.id)).find((r) => r.date === '2026-03-17');
    expect(linked?.tenancyId).toBe(tenancy!.id);

    // Later, the move-out.
    const out = await commitRows([{ ...tenant, event: words.moveOut, date: TODAY, houseCode: house.id }], 'out.csv');
    expect(out.counts).toMatchObject({ valid: 1, written: 1 });
    const ended = await houseOf(house.id);
    expect(ended.occupancy.occupants).toBe(0);
    expect(ended.tenancies).toHaveLength(1);
    expect(ended.tenancies[0]).toMatchObject({ id: tenancy!.id, status: 'ended', moveOutDate: TODAY });
    expect(ended.tenancies[0]!.history.at(-1)).toMatchObject({ event: 'movedOut', actor: 'landlord', note: expect.stringContaining(agency.id) });
    const outRecord = (await recordsOf(agency.id)).find((r) => r.event === 'moveOut');
    expect(outRecord?.tenancyId).toBe(tenancy!.id);
  });

  it('a move-out row of a person with no tenancy at the house writes its record only', async () => {
    const house = await registerHouse(product, landlord, '140213050');
    const out = await commitRows([{ name: '赵六', citizenId: citizenId('440304', '19850505', '018'), phone: '13711113333', event: words.moveOut, date: TODAY, houseCode: house.id }], 'none.csv');
    expect(out.counts).toMatchObject({ valid: 1, written: 1 });
    expect((await houseOf(house.id)).tenancies).toEqual([]);
    const record = (await recordsOf(agency.id)).find((r) => r.houseCode === house.id);
    expect(record).toBeDefined();
    expect(record!.tenancyId).toBeUndefined();
  });
});
