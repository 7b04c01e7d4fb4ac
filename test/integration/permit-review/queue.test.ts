/** The officer's permit queue: the station's applications by status, the nearest time limit to issue first, paged by key. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseWorkingCalendar } from '#shared/policy/calendar';
import { craftToken } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { daysLeft } from '#functions/permit-review/views';
import {
  DATONG,
  PERMIT_STREETS,
  SHENZHEN,
  accept,
  newMigrant,
  officerCalls,
  officersOf,
  pinToday,
  placeApplication,
  remoteStation,
  unpinToday,
  type Placed,
} from './applications.ts';

let product: TestProduct;
let calls: ReturnType<typeof officerCalls>;
let datong: Awaited<ReturnType<typeof officersOf>>;
let shenzhen: Awaited<ReturnType<typeof officersOf>>;
const remote: Record<'datong' | 'shenzhen', string> = { datong: '', shenzhen: '' };
/** Datong applications, in submission order; the first three are accepted on different days. */
const datongApps: Placed[] = [];
let child: Placed;

const submittedOn = (day: number) => `2026-10-${String(day).padStart(2, '0')}T01:00:00.000Z`;

/** Accepts on a pinned day (noon in Shanghai). */
async function acceptOn(day: string, token: string, placed: Placed) {
  pinToday(day);
  try {
    return await accept(product, token, placed);
  } finally {
    unpinToday();
  }
}

beforeAll(async () => {
  product = await startProduct();
  calls = officerCalls(product);
  datong = await officersOf(product, DATONG);
  shenzhen = await officersOf(product, SHENZHEN);
  await remoteStation(product, 'datong-remote', '140213');
  await remoteStation(product, 'shenzhen-remote', '440304');
  for (const [key, id] of [['datong', 'datong-remote'], ['shenzhen', 'shenzhen-remote']] as const) {
    remote[key] = await craftToken(product, { sub: `officer-${randomUUID()}`, 'cognito:groups': ['officer'], 'custom:station': id });
  }

  const parent = await newMigrant(product, '王芳');
  child = await placeApplication(product, parent, {
    station: DATONG,
    street: PERMIT_STREETS.datong,
    submittedAt: submittedOn(27),
    holder: randomUUID(),
    holderName: '王小明',
  });
  for (const [i, day] of [28, 29, 30, 31].entries()) {
    const migrant = await newMigrant(product, `申领人${'甲乙丙丁'[i]}`);
    datongApps.push(await placeApplication(product, migrant, { station: DATONG, street: PERMIT_STREETS.datong, submittedAt: submittedOn(day) }));
  }
  // Accepted in another order than submitted: 10 days from Wednesday 11-04 is Saturday 11-14, a
  // rest day, so the last day moves to Monday 11-16.
  await acceptOn('2026-11-04', datong.token, datongApps[0]!);
  await acceptOn('2026-11-02', datong.colleague, datongApps[1]!);
  await acceptOn('2026-11-03', datong.token, datongApps[2]!);
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

describe('the permit queue', () => {
  it('lists submitted applications by submission time, with masked ID numbers and who the permit is for', async () => {
    const answer = await calls.queue(datong.token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.items.map((i) => i.id)).toEqual([child.id, datongApps[3]!.id]);
    const [forChild, own] = answer.body.items;
    expect(forChild).toMatchObject({
      status: 'submitted',
      kind: 'first',
      name: '王芳',
      citizenIdMasked: child.item.person.citizenIdMasked,
      forChild: true,
      overdue: false,
      remote: false,
      submittedAt: submittedOn(27),
      version: 1,
    });
    expect(forChild!.issueBy).toBeUndefined();
    expect(forChild!.daysLeft).toBeUndefined();
    expect(own).toMatchObject({ forChild: false, address: { division: PERMIT_STREETS.datong } });
    expect(own!.address.path.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.body)).not.toContain(datongApps[3]!.migrant.citizenId);
  });

  it('orders accepted applications by the last day to issue (Datong: 10 days from acceptance, moved past a rest day)', async () => {
    pinToday('2026-11-10');
    try {
      const answer = await calls.queue(datong.token, '?status=accepted');
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.items.map((i) => i.id)).toEqual([datongApps[1]!.id, datongApps[2]!.id, datongApps[0]!.id]);
      expect(answer.body.items.map((i) => [i.issueBy, i.daysLeft, i.overdue])).toEqual([
        ['2026-11-12', 2, false],
        ['2026-11-13', 3, false],
        ['2026-11-16', 6, false],
      ]);
      expect(answer.body.items[0]!.acceptedAt).toMatch(/^2026-11-02T04:00/);
    } finally {
      unpinToday();
    }
  });

  it('flags overdue applications, counting days from today in Shanghai', async () => {
    pinToday('2026-11-13');
    try {
      const answer = await calls.queue(datong.token, '?status=accepted');
      expect(answer.body.items.map((i) => [i.daysLeft, i.overdue])).toEqual([
        [-1, true],
        [0, false],
        [3, false],
      ]);
    } finally {
      unpinToday();
    }
    // Long after: every one overdue.
    const late = await calls.queue(datong.token, '?status=accepted');
    expect(late.body.items.every((i) => i.overdue && i.daysLeft! < 0)).toBe(true);
  });

  it('counts the national 15 days, and the remote-area limits where the station is marked remote', async () => {
    const cases = [
      { station: SHENZHEN, street: PERMIT_STREETS.shenzhen, token: shenzhen.token, issueBy: '2026-11-17', remote: false },
      { station: 'shenzhen-remote', street: PERMIT_STREETS.shenzhen, token: remote.shenzhen, issueBy: '2026-12-02', remote: true },
      { station: 'datong-remote', street: PERMIT_STREETS.datong, token: remote.datong, issueBy: '2026-11-17', remote: true },
    ];
    for (const c of cases) {
      const placed = await placeApplication(product, await newMigrant(product), { station: c.station, street: c.street, submittedAt: submittedOn(30) });
      const accepted = await acceptOn('2026-11-02', c.token, placed);
      expect(accepted.issueBy, c.station).toMatchObject({ lastDay: c.issueBy, filing: 'onTime', rule: { kind: 'after', from: 'acceptance' } });
      pinToday('2026-11-02');
      try {
        const [row] = (await calls.queue(c.token, '?status=accepted')).body.items;
        expect(row, c.station).toMatchObject({ id: placed.id, issueBy: c.issueBy, remote: c.remote, overdue: false });
      } finally {
        unpinToday();
      }
    }
  });

  it('pages by cursor without duplicates or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await calls.queue(datong.token, `?status=accepted&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...answer.body.items.map((i) => i.id));
      cursor = answer.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([datongApps[1]!.id, datongApps[2]!.id, datongApps[0]!.id]);
    // Submission-time keys page the same way.
    const first = await calls.queue(datong.token, '?limit=1');
    const second = await calls.queue(datong.token, `?limit=1&cursor=${first.body.cursor}`);
    expect(second.status).toBe(200);
    expect([...first.body.items, ...second.body.items].map((i) => i.id)).toEqual([child.id, datongApps[3]!.id]);
  });

  it('refuses a cursor from another station’s queue, another status’s, or edited by hand', async () => {
    const cursor = (await calls.queue(datong.token, '?status=accepted&limit=1')).body.cursor!;
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, string>;
    const foreign = await calls.queue(shenzhen.token, `?status=accepted&cursor=${cursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual([expect.objectContaining({ path: 'cursor' })]);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Pointed at Shenzhen's queue, it is not a key of the Datong queue being read.
    expect((await calls.queue(datong.token, `?status=accepted&cursor=${encode({ ...key, gsi2pk: `PERMITQ#${SHENZHEN}#accepted` })}`)).status).toBe(400);
    for (const bad of [
      encode({ ...key, pk: 'PERSON#someone', sk: 'PROFILE' }),
      encode({ ...key, gsi1pk: 'x' }),
      'not-a-cursor',
    ]) {
      expect((await calls.queue(shenzhen.token, `?status=accepted&cursor=${bad}`)).status).toBe(400);
      expect((await calls.queue(datong.token, `?status=accepted&cursor=${bad}`)).status).toBe(400);
    }
    expect((await calls.queue(datong.token, `?status=submitted&cursor=${cursor}`)).status).toBe(400);
  });

  it('never shows another station’s applications', async () => {
    const datongIds = new Set((await calls.queue(datong.token, '?status=accepted&limit=50')).body.items.map((i) => i.id));
    const shenzhenIds = (await calls.queue(shenzhen.token, '?status=accepted&limit=50')).body.items.map((i) => i.id);
    expect(shenzhenIds).toHaveLength(1);
    expect(shenzhenIds.some((id) => datongIds.has(id))).toBe(false);
  });

  it('answers 403 to an officer whose token names no station, and 400 to an unknown status', async () => {
    const token = await craftToken(product, { sub: 'stationless', 'cognito:groups': ['officer'] });
    expect((await calls.queue(token)).status).toBe(403);
    expect((await calls.queue(datong.token, '?status=approved')).status).toBe(400);
  });
});

describe('days left in the rule’s unit', () => {
  const deadline = (unit: 'days' | 'workingDays', lastDay: string) => ({
    packId: 'national' as const,
    rule: { kind: 'after' as const, within: { amount: 10, unit }, from: 'acceptance' as const, citation: { source: 'national' as const, article: '第十一条', quote: '自受理之日起15日内' } },
    citation: { source: 'national' as const, article: '第十一条', quote: '自受理之日起15日内' },
    due: '2026-10-10T16:00:00.000Z',
    lastDay,
    filing: 'onTime' as const,
    assumedWeekendsOnly: [],
  });
  const today = (date: string) => ({ date, calendar: chineseWorkingCalendar });

  it('counts calendar days for a rule in days and working days for one in working days', () => {
    // 2026-09-30 to the make-up working Saturday 2026-10-10 over the National Day holiday.
    expect(daysLeft(deadline('days', '2026-10-10'), today('2026-09-30'))).toBe(10);
    expect(daysLeft(deadline('workingDays', '2026-10-10'), today('2026-09-30'))).toBe(3);
    expect(daysLeft(deadline('workingDays', '2026-10-10'), today('2026-10-12'))).toBe(-1);
    expect(daysLeft(deadline('days', '2026-10-10'), today('2026-10-12'))).toBe(-2);
  });
});
