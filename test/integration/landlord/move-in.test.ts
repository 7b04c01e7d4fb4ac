/**
 * The landlord's move-in report on DynamoDB Local with the clock pinned to Wednesday 18 March 2026:
 * the deadlines and the on-time/late decision of every pack (Datong's 24 hours and 10 days,
 * Xinjiang's 3 working days, Liaoning's 7 days, Ningxia's 3 working days, none nationally), a
 * late report on the station's list, a tenant matched to their account by ID number or kept as a
 * pending person, several tenants at once, field errors for a repeated or present tenant, the
 * over-occupancy warning, and a failed report that writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { House, Tenancy } from '#shared/api/landlord';
import { db } from '#functions/commons/dynamo';
import { call } from '#test/support/api-client';
import { newLandlord, registerHouse, reportTenant, reportTenants, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { newMigrant, pinToday, unpinToday, type Migrant } from '#test/integration/review/migrants';

const TODAY = '2026-03-18';
const STREET = { datong: '140213050', xinjiang: '650102002', liaoning: '210102001', ningxia: '640104001', national: '440304001' } as const;
const STATION = { datong: 'datong-xinjianlu', xinjiang: 'urumqi-hepinglu', liaoning: 'shenyang-taiyuanjie', ningxia: 'yinchuan-xinhuajie', national: 'shenzhen-futian' } as const;
type Pack = keyof typeof STREET;

let product: TestProduct;
let landlord: Landlord;
let migrant: Migrant;
const houses = {} as Record<Pack, House>;

beforeAll(async () => {
  product = await startProduct();
  // Tokens are signed by the real clock: sign in first, then move "today".
  [landlord, migrant] = await Promise.all([newLandlord(product), newMigrant(product, '阿依古丽')]);
  pinToday(TODAY);
  for (const pack of Object.keys(STREET) as Pack[]) houses[pack] = await registerHouse(product, landlord, STREET[pack], { maxOccupants: 10 });
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

const lateReports = async (pack: Pack) =>
  (
    await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `LATE#${STATION[pack]}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const houseOf = async (id: string) => (await call<House & { tenancies: Tenancy[] }>(product, 'GET', `/api/landlord/houses/${id}`, { token: landlord.token })).body;

describe('deadlines and the on-time decision of every pack', () => {
  // [pack, move-in date, filing, the rules that apply with their last days, the last day that decides, when an unconfirmed report goes to the officer]
  const cases: Array<[Pack, string, 'onTime' | 'late', Array<[string, string]>, string | undefined, string]> = [
    // Only the move-in date is known: the 24 hours count from the end of that day.
    ['datong', '2026-03-18', 'onTime', [['landlord.registerWithin', '2026-03-19'], ['landlord.reportMoveIn', '2026-03-30']], '2026-03-30', '2026-03-30T16:00:00.000Z'],
    // A move-in the day before yesterday: the 24 hours ended with yesterday, though the 10-day report is not yet due.
    ['datong', '2026-03-16', 'late', [['landlord.registerWithin', '2026-03-17'], ['landlord.reportMoveIn', '2026-03-26']], '2026-03-17', '2026-03-26T16:00:00.000Z'],
    ['xinjiang', '2026-03-18', 'onTime', [['landlord.registerWithin', '2026-03-18'], ['landlord.reportMoveIn', '2026-03-23']], '2026-03-23', '2026-03-23T16:00:00.000Z'],
    // 3 working days from Tuesday 10 March end on Friday 13 March.
    ['xinjiang', '2026-03-10', 'late', [['landlord.registerWithin', '2026-03-10'], ['landlord.reportMoveIn', '2026-03-13']], '2026-03-10', 'now'],
    ['liaoning', '2026-03-13', 'onTime', [['landlord.reportMoveIn', '2026-03-20']], '2026-03-20', '2026-03-20T16:00:00.000Z'],
    ['liaoning', '2026-03-10', 'late', [['landlord.reportMoveIn', '2026-03-17']], '2026-03-17', 'now'],
    // Friday 13 March + 3 working days (the weekend not counted) is Wednesday 18 March: today is the last day.
    ['ningxia', '2026-03-13', 'onTime', [['landlord.reportMoveIn', '2026-03-18']], '2026-03-18', '2026-03-18T16:00:00.000Z'],
    ['ningxia', '2026-03-10', 'late', [['landlord.reportMoveIn', '2026-03-13']], '2026-03-13', 'now'],
    // The national rules set the landlord no deadline: never late, and an unconfirmed report goes to the officer at once.
    ['national', '2026-01-05', 'onTime', [], undefined, 'now'],
  ];

  it.each(cases)('%s, moved in %s: %s', async (pack, moveInDate, filing, rules, lastDay, confirmBy) => {
    const lateBefore = (await lateReports(pack)).length;
    const preview = await call(product, 'GET', `/api/landlord/houses/${houses[pack].id}/deadlines?event=moveIn&date=${moveInDate}`, { token: landlord.token });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.report).toMatchObject({ filing, deadlines: rules.map(([path, day]) => expect.objectContaining({ path, lastDay: day, packId: pack })) });
    expect(preview.body.report.filedAt).toBeUndefined();
    expect(preview.body.packId).toBe(pack);

    const tenancy = await reportTenant(product, landlord, houses[pack].id, { moveInDate });
    expect(tenancy.moveInReport).toMatchObject({ filing, filedAt: expect.stringMatching(new RegExp(`^${TODAY}`)) });
    expect(tenancy.moveInReport.deadlines.map((d) => [d.path, d.lastDay, d.filing])).toEqual(rules.map(([path, day]) => [path, day, expect.any(String)]));
    expect(tenancy.moveInReport.lastDay).toBe(lastDay);
    if (confirmBy === 'now') expect(tenancy.confirmBy).toMatch(new RegExp(`^${TODAY}T04:0`));
    else expect(tenancy.confirmBy).toBe(confirmBy);

    // A late report is on the station's list, once; an on-time one is not.
    const late = await lateReports(pack);
    expect(late).toHaveLength(lateBefore + (filing === 'late' ? 1 : 0));
    if (filing === 'late') {
      expect(late.find((l) => l.tenancyId === tenancy.id)).toMatchObject({ report: 'moveIn', lastDay, houseId: houses[pack].id, tenant: { name: '李四' } });
    }
  });

  it('the preview shows the pack’s fines for a missed report, cited, and none where the pack sets none', async () => {
    const datong = await call(product, 'GET', `/api/landlord/houses/${houses.datong.id}/deadlines?event=moveIn&date=2026-03-17`, { token: landlord.token });
    expect(datong.body.fines).toEqual([expect.objectContaining({ party: 'landlord', amount: { min: 100, max: 300 }, citation: expect.objectContaining({ article: expect.any(String) }) })]);
    const ningxiaOut = await call(product, 'GET', `/api/landlord/houses/${houses.ningxia.id}/deadlines?event=moveOut&date=2026-03-10`, { token: landlord.token });
    expect(ningxiaOut.body.report).toMatchObject({ filing: 'late', lastDay: '2026-03-13', deadlines: [expect.objectContaining({ path: 'landlord.reportMoveOut' })] });
    const national = await call(product, 'GET', `/api/landlord/houses/${houses.national.id}/deadlines?event=moveIn&date=2026-03-17`, { token: landlord.token });
    expect(national.body).toMatchObject({ packId: 'national', fines: [], report: { filing: 'onTime', deadlines: [] } });
  });
});

describe('who the tenant is', () => {
  it('a person with an account is matched by ID number and gets a message; the phone reported gets a text', async () => {
    const phone = tenantInput().phone;
    const tenancy = await reportTenant(product, landlord, houses.liaoning.id, { name: migrant.name, citizenId: migrant.citizenId, phone, moveInDate: '2026-03-16', room: 'B' });
    expect(tenancy).toMatchObject({ status: 'awaitingTenant', startedBy: 'landlord', room: 'B', tenant: { name: '阿依古丽', hasAccount: true } });
    const messages = await call(product, 'GET', '/api/me/messages', { token: migrant.token, language: 'en' });
    expect(messages.body.items[0]).toMatchObject({ kind: 'tenancyReported', tenancyId: tenancy.id, houseId: houses.liaoning.id, title: 'Your landlord reported your move-in' });
    expect(messages.body.items[0].body).toContain('2026-03-16');
    const [text] = await product.readOutbox(phone);
    expect(text?.text).toContain('房东报备您自 2026-03-16 起居住在');
  });

  it('a person without an account is kept as a pending person and texted in Chinese', async () => {
    const tenant = tenantInput({ name: '钱七' });
    const tenancy = await reportTenant(product, landlord, houses.liaoning.id, tenant);
    expect(tenancy.tenant).toMatchObject({ name: '钱七', hasAccount: false });
    const [text] = await product.readOutbox(tenant.phone);
    expect(text?.text).toMatch(/^【流动人口服务】房东报备您自 \d{4}-\d{2}-\d{2} 起居住在/);
  });
});

describe('one report', () => {
  it('reports several tenants of one house at once', async () => {
    const house = await registerHouse(product, landlord, STREET.datong, { maxOccupants: 5 });
    const answer = await reportTenants(product, landlord, house.id, [tenantInput({ name: '甲' }), tenantInput({ name: '乙', room: '2' }), tenantInput({ name: '丙' })]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.tenancies.map((t: Tenancy) => t.tenant.name)).toEqual(['甲', '乙', '丙']);
    expect(new Set(answer.body.tenancies.map((t: Tenancy) => t.id)).size).toBe(3);
    expect(answer.body.occupancy).toEqual({ occupants: 3, maxOccupants: 5, overCapacity: false });
    expect((await houseOf(house.id)).tenancies).toHaveLength(3);
  });

  it('warns of over-occupancy without refusing, and the house shows over capacity', async () => {
    const house = await registerHouse(product, landlord, STREET.national, { maxOccupants: 2 });
    const answer = await reportTenants(product, landlord, house.id, [tenantInput(), tenantInput(), tenantInput()]);
    expect(answer.status).toBe(201);
    expect(answer.body.occupancy).toEqual({ occupants: 3, maxOccupants: 2, overCapacity: true });
    expect((await houseOf(house.id)).occupancy).toEqual({ occupants: 3, maxOccupants: 2, overCapacity: true });
  });

  it('refuses the same ID number twice and a present tenant, naming the field; the failed report writes nothing', async () => {
    const house = await registerHouse(product, landlord, STREET.ningxia);
    const present = tenantInput({ name: '周八' });
    await reportTenant(product, landlord, house.id, present);
    const before = await houseOf(house.id);
    const fresh = tenantInput({ name: '吴九' });
    const twice = tenantInput();

    const answer = await reportTenants(product, landlord, house.id, [fresh, twice, { ...twice, name: '郑十' }, { ...present, phone: fresh.phone }], { language: 'en' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      { path: 'tenants.2.citizenId', message: "Tenant's ID number: this ID number appears twice in this report" },
      { path: 'tenants.3.citizenId', message: "Tenant's ID number: this person is already a tenant of this house" },
    ]);
    const zh = await reportTenants(product, landlord, house.id, [{ ...present }], { language: 'zh-CN' });
    expect(zh.body.error.fields).toEqual([{ path: 'tenants.0.citizenId', message: '租客身份号码：此人已登记为这处房屋的租客' }]);

    const after = await houseOf(house.id);
    expect(after.tenancies.map((t) => t.id)).toEqual(before.tenancies.map((t) => t.id));
    expect(after).toMatchObject({ version: before.version, occupancy: before.occupancy });
    expect(await product.readOutbox(fresh.phone)).toEqual([]);
    // Nothing of the first, valid tenant was kept: reporting them alone now works.
    expect((await reportTenants(product, landlord, house.id, [fresh])).status).toBe(201);
  });

  it('refuses a move-in date after today', async () => {
    const answer = await reportTenants(product, landlord, houses.national.id, [tenantInput({ moveInDate: '2026-03-19' })], { language: 'en' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'tenants.0.moveInDate', message: 'Move-in date: cannot be later than today' }]);
  });

  it('a retry with the same Idempotency-Key answers with the first report’s tenancies and counts them once', async () => {
    const house = await registerHouse(product, landlord, STREET.national);
    const tenants = [tenantInput(), tenantInput()];
    const key = randomUUID();
    const first = await reportTenants(product, landlord, house.id, tenants, { key });
    const again = await reportTenants(product, landlord, house.id, tenants, { key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.tenancies.map((t: Tenancy) => t.id)).toEqual(first.body.tenancies.map((t: Tenancy) => t.id));
    expect(again.body.occupancy.occupants).toBe(2);
    expect((await houseOf(house.id)).tenancies).toHaveLength(2);
  });
});
