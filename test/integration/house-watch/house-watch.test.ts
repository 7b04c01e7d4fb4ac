/**
 * The officer's station view of rental houses on DynamoDB Local, with data made through the
 * landlord's and the tenant's API and the clock pinned to Wednesday 18 March 2026: houses by street
 * and over capacity, pages by key that cannot cross stations, a house with its history (the read
 * audited, nothing shown when the audit cannot be written), reports filed late, requests nobody
 * answered by their deadline, and another station's officer refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseRecord, OverdueReport, StationHouse } from '#shared/api/house-watch';
import type { House, Tenancy } from '#shared/api/landlord';
import { lateReportFines } from '#shared/landlord/reporting';
import { packById } from '#shared/policy/registry';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { call } from '#test/support/api-client';
import { newLandlord, registerHouse, reportTenant, reportTenants, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import {
  DATONG,
  STREETS,
  URUMQI,
  auditByOfficer,
  auditOf,
  auditStoreDown,
  declare,
  newMigrant,
  officersOf,
  pinToday,
  unpinToday,
  type Migrant,
  type OrError,
} from '#test/integration/review/migrants';

const TODAY = '2026-03-18';

let product: TestProduct;
let landlord: Landlord;
let migrant: Migrant;
let datong: Awaited<ReturnType<typeof officersOf>>;
let urumqi: Awaited<ReturnType<typeof officersOf>>;
/** Datong: A (永泰, at most 1, two tenants: over capacity), B (古城, reported late), C (永泰, reported late, and a tenant's request); Urumqi: U (reported late). */
const house = {} as Record<'a' | 'b' | 'c' | 'u', House>;
const tenancy = {} as Record<'a1' | 'a2' | 'b' | 'c' | 'u', Tenancy>;
const tenantIds = {} as Record<'a1' | 'b', string>;
let requestId: string;

type Page<T> = OrError<{ items: T[]; cursor?: string }>;
const houses = (token: string, query = '') => call<Page<StationHouse>>(product, 'GET', `/api/officer/houses${query}`, { token });
const overdue = (token: string, query: string) => call<Page<OverdueReport>>(product, 'GET', `/api/officer/overdue-reports${query}`, { token });
const record = (token: string, id: string) => call<OrError<HouseRecord>>(product, 'GET', `/api/officer/houses/${id}`, { token });

/** Every row of a list, page by page (`limit` rows a page). */
async function everyPage<T>(read: (cursor?: string) => Promise<{ status: number; body: Page<T> }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const answer = await read(cursor);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    items.push(...answer.body.items);
    cursor = answer.body.cursor;
    pages++;
  } while (cursor && pages < 20);
  return { items, pages };
}

beforeAll(async () => {
  product = await startProduct();
  // Tokens are signed by the real clock: sign in first, then move "today".
  [landlord, migrant, datong, urumqi] = await Promise.all([
    newLandlord(product),
    newMigrant(product, '阿依古丽'),
    officersOf(product, DATONG),
    officersOf(product, URUMQI),
  ]);
  pinToday(TODAY);
  house.a = await registerHouse(product, landlord, STREETS.datongYongtai, { maxOccupants: 1 });
  house.b = await registerHouse(product, landlord, STREETS.datongGucheng, { type: 'dormitory', safety: { smokeAlarm: true, extinguisher: false, escapeRoute: true } });
  house.c = await registerHouse(product, landlord, STREETS.datongYongtai);
  house.u = await registerHouse(product, landlord, STREETS.urumqiYanerwo);

  const a1 = tenantInput({ name: '李四', moveInDate: TODAY, room: '主卧' });
  tenantIds.a1 = a1.citizenId;
  const reported = await reportTenants(product, landlord, house.a.id, [a1, tenantInput({ name: '王五', moveInDate: TODAY })]);
  expect(reported.status, JSON.stringify(reported.body)).toBe(201);
  [tenancy.a1, tenancy.a2] = reported.body.tenancies;
  // Datong: registration within 24 hours of moving in, the report within 10 days.
  const b = tenantInput({ name: '赵六', moveInDate: '2026-03-10' });
  tenantIds.b = b.citizenId;
  tenancy.b = await reportTenant(product, landlord, house.b.id, b);
  // Moved in on the 16th (only the date known): the 24 hours to register end with the 17th, and the report comes on the 18th.
  tenancy.c = await reportTenant(product, landlord, house.c.id, { name: '钱七', moveInDate: '2026-03-16' });
  // Xinjiang: 3 working days, missed long ago.
  tenancy.u = await reportTenant(product, landlord, house.u.id, { name: '孙八', moveInDate: '2026-03-10' });

  const agent = await call(product, 'POST', `/api/landlord/houses/${house.a.id}/agents`, { token: landlord.token, body: { phone: '13912345678' } });
  expect(agent.status, JSON.stringify(agent.body)).toBe(201);

  // The tenant starts it: a declaration at house C asks the landlord to confirm.
  requestId = (await declare(product, migrant, STREETS.datongYongtai, TODAY, { housing: 'rented', houseCode: house.c.id, landlordPhone: undefined })).id;
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

describe('the station’s houses', () => {
  it('lists the station’s houses by street with the landlord, the occupancy and the safety items, and no other station’s', async () => {
    const answer = await houses(datong.token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const ids = answer.body.items.map((h) => h.id);
    expect(ids.sort()).toEqual([house.a.id, house.b.id, house.c.id].sort());
    // By street, then by code: 永泰 (…050) before 古城 (…051).
    expect(answer.body.items.at(-1)!.id).toBe(house.b.id);
    const a = answer.body.items.find((h) => h.id === house.a.id)!;
    expect(a).toMatchObject({
      address: { division: STREETS.datongYongtai, detail: house.a.address.detail },
      building: '3',
      unit: '2',
      room: '501',
      type: 'apartment',
      landlord: { phoneMasked: `${landlord.phone.slice(0, 3)}****${landlord.phone.slice(7)}` },
      occupancy: { occupants: 2, maxOccupants: 1, overCapacity: true },
    });
    expect(answer.body.items.find((h) => h.id === house.b.id)).toMatchObject({
      type: 'dormitory',
      safety: { extinguisher: false },
      occupancy: { occupants: 1, overCapacity: false },
    });
    const other = await houses(urumqi.token);
    expect(other.body.items.map((h) => h.id)).toEqual([house.u.id]);
  });

  it('lists one street of the station, and refuses a street outside it', async () => {
    const gucheng = await houses(datong.token, `?street=${STREETS.datongGucheng}`);
    expect(gucheng.body.items.map((h) => h.id)).toEqual([house.b.id]);
    const yongtai = await houses(datong.token, `?street=${STREETS.datongYongtai}`);
    expect(yongtai.body.items.map((h) => h.id).sort()).toEqual([house.a.id, house.c.id].sort());

    const elsewhere = await houses(datong.token, `?street=${STREETS.urumqiYanerwo}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.fields).toEqual([expect.objectContaining({ path: 'street' })]);
  });

  it('lists only the houses over capacity, also by street', async () => {
    const over = await houses(datong.token, '?overCapacity=true');
    expect(over.status, JSON.stringify(over.body)).toBe(200);
    expect(over.body.items.map((h) => h.id)).toEqual([house.a.id]);
    expect((await houses(datong.token, `?overCapacity=true&street=${STREETS.datongGucheng}`)).body.items).toEqual([]);
    expect((await houses(urumqi.token, '?overCapacity=true')).body.items).toEqual([]);
  });

  it('pages by key: every house once, in order', async () => {
    const whole = (await houses(datong.token)).body.items.map((h) => h.id);
    const paged = await everyPage((cursor) => houses(datong.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
    expect(paged.items.map((h) => h.id)).toEqual(whole);
    expect(paged.pages).toBeGreaterThanOrEqual(2);
  });

  it('refuses a cursor of another station, of another street or list, or edited by hand', async () => {
    const first = await houses(datong.token, '?limit=1');
    const cursor = first.body.cursor!;
    expect(cursor).toBeDefined();
    for (const answer of [
      await houses(urumqi.token, `?limit=1&cursor=${cursor}`),
      await houses(datong.token, `?limit=1&street=${STREETS.datongGucheng}&cursor=${cursor}`),
      await houses(datong.token, `?limit=1&overCapacity=true&cursor=${cursor}`),
      await overdue(datong.token, `?kind=late&cursor=${cursor}`),
      await houses(datong.token, `?limit=1&cursor=${cursor.slice(0, -4)}`),
    ]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });
});

describe('a house with its history', () => {
  it('shows the house, its landlord and agents, every tenancy newest move-in first with its history, the house’s events and the pack’s fines', async () => {
    const answer = await record(datong.token, house.c.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const c = answer.body;
    expect(c).toMatchObject({
      id: house.c.id,
      packId: 'datong',
      station: { id: DATONG },
      occupancy: { occupants: 2, maxOccupants: 4, overCapacity: false },
      landlord: { phoneMasked: `${landlord.phone.slice(0, 3)}****${landlord.phone.slice(7)}` },
      agents: [],
      events: [expect.objectContaining({ event: 'registered', actor: 'owner' })],
      fines: lateReportFines(packById('datong')),
    });
    expect(c.fines.length).toBeGreaterThan(0);
    // Newest move-in first: the tenant's request (18 March) before the landlord's report (16 March).
    expect(c.tenancies.map((t) => [t.startedBy, t.status, t.moveInDate])).toEqual([
      ['tenant', 'awaitingLandlord', TODAY],
      ['landlord', 'awaitingTenant', '2026-03-16'],
    ]);
    expect(c.tenancies[0]).toMatchObject({ declarationId: requestId, tenant: { name: '阿依古丽', hasAccount: true } });
    expect(c.tenancies[0]!.history.map((h) => h.event)).toEqual(['requestedByTenant']);
    expect(c.tenancies[1]).toMatchObject({
      id: tenancy.c.id,
      tenant: { name: '钱七' },
      moveInReport: { filing: 'late', lastDay: '2026-03-17' },
      history: [expect.objectContaining({ event: 'reportedByLandlord', actor: 'landlord' })],
    });
  });

  it('shows the agents the owner authorised and the events of doing so, masked', async () => {
    const answer = await record(datong.token, house.a.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.agents).toEqual([expect.objectContaining({ phoneMasked: '139****5678' })]);
    expect(answer.body.events.map((e) => e.event)).toEqual(['registered', 'agentAdded']);
    expect(answer.body.occupancy).toEqual({ occupants: 2, maxOccupants: 1, overCapacity: true });
    const tenant = answer.body.tenancies.find((t) => t.id === tenancy.a1.id)!;
    expect(tenant).toMatchObject({ room: '主卧', tenant: { citizenIdMasked: maskCitizenId(tenantIds.a1), hasAccount: false } });
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(tenantIds.a1);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain(landlord.phone);
  });

  it('records every read under the owner and under the officer', async () => {
    const before = (await auditOf(product, landlord.accountId)).length;
    expect((await record(datong.colleague, house.b.id)).status).toBe(200);
    const events = await auditOf(product, landlord.accountId);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ action: 'viewHouse', officerId: datong.colleagueId, stationId: DATONG, houseId: house.b.id });
    const byOfficer = await auditByOfficer(product, datong.colleagueId);
    expect(byOfficer.some((e) => e.id === events.at(-1)!.id)).toBe(true);
  });

  it('shows nothing when the read cannot be audited', async () => {
    const spy = auditStoreDown();
    try {
      const answer = await record(datong.token, house.b.id);
      expect(answer.status).toBe(500);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(house.b.address.detail);
      expect(text).not.toContain('赵六');
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses another station’s officer and audits nothing; an unknown code is not found', async () => {
    const before = (await auditOf(product, landlord.accountId)).length;
    const answer = await record(urumqi.token, house.a.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(403);
    expect(answer.body.error.code).toBe('not_your_station');
    expect(JSON.stringify(answer.body)).not.toContain(house.a.address.detail);
    expect(await auditOf(product, landlord.accountId)).toHaveLength(before);

    const unknown = await record(datong.token, 'FW00000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('house_not_found');
    expect((await record(landlord.token, house.a.id)).status).toBe(403);
  });
});

describe('overdue landlord reports', () => {
  it('lists the reports filed late, oldest last day first, paged by key, the station’s own only', async () => {
    const late = await everyPage((cursor) => overdue(datong.token, `?kind=late&limit=1${cursor ? `&cursor=${cursor}` : ''}`));
    expect(late.items.map((r) => [r.tenancyId, r.report, r.lastDay])).toEqual([
      [tenancy.b.id, 'moveIn', '2026-03-11'],
      [tenancy.c.id, 'moveIn', '2026-03-17'],
    ]);
    expect(late.items[0]).toMatchObject({
      houseId: house.b.id,
      address: { division: STREETS.datongGucheng },
      tenant: { name: '赵六', citizenIdMasked: maskCitizenId(tenantIds.b) },
      filedAt: expect.stringMatching(/^2026-03-18T/),
    });
    expect(late.items[0]!.waitingFor).toBeUndefined();

    const other = await overdue(urumqi.token, '?kind=late');
    expect(other.body.items.map((r) => r.tenancyId)).toEqual([tenancy.u.id]);
    const first = await overdue(datong.token, '?kind=late&limit=1');
    const crossed = await overdue(urumqi.token, `?kind=late&cursor=${first.body.cursor}`);
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.fields).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('lists requests nobody answered once their deadline has passed, with whose answer is missing', async () => {
    // Nothing of Datong's is due yet; Xinjiang's report came after the deadline, so it is at once.
    expect((await overdue(datong.token, '?kind=unconfirmed')).body.items).toEqual([]);
    expect((await overdue(urumqi.token, '?kind=unconfirmed')).body.items).toEqual([
      expect.objectContaining({ tenancyId: tenancy.u.id, waitingFor: 'tenant', houseId: house.u.id }),
    ]);

    // 25 March: B's report was due on 20 March.
    pinToday('2026-03-25');
    const week = await overdue(datong.token, '?kind=unconfirmed');
    expect(week.body.items).toEqual([
      expect.objectContaining({
        tenancyId: tenancy.b.id,
        report: 'moveIn',
        lastDay: '2026-03-20',
        waitingFor: 'tenant',
        tenant: { name: '赵六', citizenIdMasked: maskCitizenId(tenantIds.b) },
      }),
    ]);

    // 2 April: everything unanswered, longest waiting first, the tenant's request waiting for the landlord.
    pinToday('2026-04-02');
    const all = await everyPage((cursor) => overdue(datong.token, `?kind=unconfirmed&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
    expect(all.items.slice(0, 2).map((r) => r.tenancyId)).toEqual([tenancy.b.id, tenancy.c.id]);
    expect(all.items).toHaveLength(5);
    expect(all.items.map((r) => r.tenancyId)).toEqual(expect.arrayContaining([tenancy.a1.id, tenancy.a2.id, tenancy.b.id, tenancy.c.id]));
    const request = all.items.find((r) => r.waitingFor === 'landlord')!;
    expect(request).toMatchObject({ houseId: house.c.id, tenant: { name: '阿依古丽' }, lastDay: '2026-03-30' });
    expect(all.items.filter((r) => r.waitingFor === 'tenant')).toHaveLength(4);
  });

  it('refuses an unknown kind', async () => {
    const answer = await overdue(datong.token, '?kind=forgotten');
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: 'kind' })]);
  });
});
