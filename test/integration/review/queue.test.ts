/** The officer's queue: only the station's declarations, oldest deadline first, filtered and paged by key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type TestProduct } from '#test/support/product';
import { call } from '#test/support/api-client';
import { maskCitizenId } from '#shared/residence/citizen-id';
import type { QueueItem } from '#shared/api/review';
import { DATONG, STREETS, URUMQI, declare, type OrError, newMigrant, officersOf, pinToday, unpinToday, type Declared, type Migrant } from './migrants.ts';

let product: TestProduct;
let datong: Awaited<ReturnType<typeof officersOf>>;
let urumqi: Awaited<ReturnType<typeof officersOf>>;
const datongDeclarations: Array<Declared & { migrant: Migrant; street: string; moveInDate: string }> = [];
let urumqiDeclaration: Declared;

type Page = { items: QueueItem[]; cursor?: string };
const queue = (token: string, query = '') => call<OrError<Page>>(product, 'GET', `/api/officer/declarations${query}`, { token });

beforeAll(async () => {
  product = await startProduct();
  datong = await officersOf(product, DATONG);
  urumqi = await officersOf(product, URUMQI);
  // Submitted in an order that is not the deadline order; 2026-09-30 + 10 days ends on the
  // make-up working Saturday 2026-10-10 (POLICY §1 example).
  const plan = [
    { moveInDate: '2026-10-20', street: STREETS.datongYongtai },
    { moveInDate: '2026-09-30', street: STREETS.datongGucheng },
    { moveInDate: '2026-11-02', street: STREETS.datongYongtai },
    { moveInDate: '2026-10-05', street: STREETS.datongYongtai },
    { moveInDate: '2026-10-12', street: STREETS.datongGucheng },
  ];
  for (const [i, { moveInDate, street }] of plan.entries()) {
    const migrant = await newMigrant(product, `申报人${'甲乙丙丁戊'[i]}`);
    datongDeclarations.push({ ...(await declare(product, migrant, street, moveInDate)), migrant, street, moveInDate });
  }
  urumqiDeclaration = await declare(product, await newMigrant(product, '阿依古丽'), STREETS.urumqiYanerwo, '2026-11-16');
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

describe('the station queue', () => {
  it('lists the station’s submitted declarations, oldest deadline first, with masked ID numbers', async () => {
    const answer = await queue(datong.token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const expected = [...datongDeclarations].sort((a, b) => `${a.actBy}#${a.id}`.localeCompare(`${b.actBy}#${b.id}`));
    expect(answer.body.items.map((i) => i.id)).toEqual(expected.map((d) => d.id));
    expect(answer.body.items.map((i) => i.moveInDate)).toEqual(['2026-09-30', '2026-10-05', '2026-10-12', '2026-10-20', '2026-11-02']);
    expect(answer.body.cursor).toBeUndefined();
    const first = answer.body.items[0]!;
    const declared = expected[0]!;
    expect(first).toMatchObject({
      status: 'submitted',
      name: declared.migrant.name,
      citizenIdMasked: maskCitizenId(declared.migrant.citizenId),
      address: { division: STREETS.datongGucheng },
      actBy: '2026-10-10',
      version: declared.version,
    });
    expect(first.address.path.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.body)).not.toContain(declared.migrant.citizenId);
  });

  it('counts working days left from today in Shanghai, across the National Day holiday', async () => {
    try {
      pinToday('2026-09-30');
      const before = await queue(datong.token);
      expect(before.body.items[0]).toMatchObject({ actBy: '2026-10-10', workingDaysLeft: 3 });
      pinToday('2026-10-10');
      expect((await queue(datong.token)).body.items[0]).toMatchObject({ workingDaysLeft: 0 });
      pinToday('2026-10-12');
      expect((await queue(datong.token)).body.items[0]).toMatchObject({ workingDaysLeft: -1 });
    } finally {
      unpinToday();
    }
  });

  it('never shows another station’s declarations', async () => {
    const datongIds = (await queue(datong.token, '?limit=50')).body.items.map((i) => i.id);
    expect(datongIds).not.toContain(urumqiDeclaration.id);
    const urumqiIds = (await queue(urumqi.token)).body.items.map((i) => i.id);
    expect(urumqiIds).toEqual([urumqiDeclaration.id]);
  });

  it('pages by cursor without duplicates or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await queue(datong.token, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.items.map((i) => i.id));
      cursor = answer.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    const all = (await queue(datong.token)).body.items.map((i) => i.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses a tampered cursor and one from another station’s queue', async () => {
    const page = await queue(datong.token, '?limit=2');
    const cursor = page.body.cursor!;
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, string>;

    const foreign = await queue(urumqi.token, `?cursor=${cursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual([expect.objectContaining({ path: 'cursor' })]);

    const intoUrumqi = Buffer.from(JSON.stringify({ ...key, gsi2pk: `QUEUE#${URUMQI}#submitted` })).toString('base64url');
    expect((await queue(datong.token, `?cursor=${intoUrumqi}`)).status).toBe(400);
    const extraAttribute = Buffer.from(JSON.stringify({ ...key, gsi1pk: 'x' })).toString('base64url');
    expect((await queue(datong.token, `?cursor=${extraAttribute}`)).status).toBe(400);
    expect((await queue(datong.token, '?cursor=not-a-cursor')).status).toBe(400);
    // A cursor of the station-wide queue is not one of a street's queue.
    expect((await queue(datong.token, `?street=${STREETS.datongYongtai}&cursor=${cursor}`)).status).toBe(400);
    expect((await queue(datong.token, `?status=returned&cursor=${cursor}`)).status).toBe(400);
  });

  it('filters by street within the station, and refuses a street of another station', async () => {
    const yongtai = await queue(datong.token, `?street=${STREETS.datongYongtai}`);
    expect(yongtai.status).toBe(200);
    const expected = datongDeclarations.filter((d) => d.street === STREETS.datongYongtai);
    expect(new Set(yongtai.body.items.map((i) => i.id))).toEqual(new Set(expected.map((d) => d.id)));
    expect(yongtai.body.items.map((i) => i.moveInDate)).toEqual(['2026-10-05', '2026-10-20', '2026-11-02']);

    const elsewhere = await queue(datong.token, `?street=${STREETS.urumqiYanerwo}`, );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('not_your_station');
  });

  it('filters by status: a returned declaration leaves the submitted queue for the returned one', async () => {
    const target = datongDeclarations[2]!;
    const returned = await call(product, 'POST', `/api/officer/declarations/${target.id}/decision`, {
      token: datong.token,
      body: { decision: 'return', reasons: ['addressIncomplete'] },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const submitted = (await queue(datong.token)).body.items.map((i) => i.id);
    expect(submitted).not.toContain(target.id);
    expect(submitted).toHaveLength(4);
    const returnedQueue = await queue(datong.token, '?status=returned');
    expect(returnedQueue.body.items.map((i) => i.id)).toEqual([target.id]);
    expect(returnedQueue.body.items[0]).toMatchObject({ status: 'returned', version: target.version + 1 });
    const returnedOnStreet = await queue(datong.token, `?status=returned&street=${target.street}`);
    expect(returnedOnStreet.body.items.map((i) => i.id)).toEqual([target.id]);
  });

  it('answers 403 to an officer whose token names no station', async () => {
    const { craftToken } = await import('#test/support/api-client');
    const token = await craftToken(product, { sub: 'stationless', 'cognito:groups': ['officer'] });
    const answer = await queue(token);
    expect(answer.status).toBe(403);
  });
});
