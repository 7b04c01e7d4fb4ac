/**
 * The daily permit job on DynamoDB Local, run by its handler with a fixed clock across a year:
 * permits of national, Liaoning (1 and 2 years) and Datong holders, written as issued on 10 March
 * 2026, get their endorsement reminders, are suspended after a missed endorsement, expire and are
 * cancelled on the right days, with a message in 消息 and a text message each time. Every run is
 * repeated on the same day and must change nothing the second time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { permitKey, type PermitItem } from '#functions/permit/items';
import { handler } from '#functions/permit/daily-sweep';
import type { SweepCounts } from '#functions/permit/sweeping';
import type { PermitClock } from '#shared/permit/schedule';
import { startOfDay, type IsoDate } from '#shared/policy/civil-time';
import type { Duration } from '#shared/policy/schema';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { newMigrant, type Migrant } from '#test/integration/review/migrants';
import { permitItemOf, type PermitSpec } from '#test/support/permit-items';

const ISSUED = '2026-03-10';
const years = (amount: number): Duration => ({ amount, unit: 'years' });

let product: TestProduct;

/** 02:00 Shanghai time on `date`, an hour after the scheduled run. */
function pretendToday(date: IsoDate) {
  process.env.CLOCK_OFFSET_MS = String(startOfDay(date).getTime() + 2 * 3600 * 1000 - Date.now());
}

let serial = 0;

/** A permit as issuing writes it, with its clock changed by `clock`, in the sweep index at its next sweep day. */
async function putPermit(holder: Migrant, packId: PermitSpec['packId'], validity?: Duration, clock: Partial<PermitClock> = {}, issuedOn = ISSUED): Promise<PermitItem> {
  const item = permitItemOf({ accountId: holder.accountId, holderName: holder.name, packId, issuedOn, ...(validity ? { validity } : {}), clock, serial: ++serial });
  await db().send(new PutCommand({ TableName: product.tableName, Item: item }));
  return item;
}

const read = async (permit: PermitItem) =>
  (await db().send(new GetCommand({ TableName: product.tableName, Key: permitKey(permit.id), ConsistentRead: true }))).Item as PermitItem;

const messagesOf = async (holder: Migrant, language = 'en') =>
  (await call(product, 'GET', '/api/me/messages?limit=50', { token: holder.token, language })).body.items as Array<{ kind: string; title: string; body: string }>;

/** The permit's text messages, oldest first. */
const textsOf = async (holder: Migrant, permit: PermitItem) =>
  (await product.readOutbox(holder.phone)).filter((m) => m.text.includes(permit.number)).map((m) => m.text).reverse();

interface Holding {
  holder: Migrant;
  permit: PermitItem;
}

const holdings: Record<'national' | 'liaoning1' | 'liaoning2' | 'datong' | 'leaving' | 'endorsed', Holding> = {} as never;

/** Everything the job could touch, to compare before and after a second run. */
async function snapshot() {
  const entries = await Promise.all(
    Object.values(holdings).map(async ({ holder, permit }) => ({
      permit: await read(permit),
      messages: (await messagesOf(holder)).length,
      texts: (await textsOf(holder, permit)).length,
    })),
  );
  return entries;
}

/** Runs the job on `date` (as today, or as a re-run of a missed day), then again: the second run must find nothing to do. */
async function runOn(date: IsoDate, input: object = {}): Promise<SweepCounts> {
  if (!('today' in input)) pretendToday(date);
  const counts = await handler(input);
  const before = await snapshot();
  const again = await handler(input);
  expect(again, `second run on ${date}`).toEqual({ examined: 0, changed: 0, messages: 0, failed: 0 });
  expect(await snapshot(), `second run on ${date}`).toEqual(before);
  return counts;
}

beforeAll(async () => {
  product = await startProduct();
  const holder = () => newMigrant(product, '王小明');
  const [national, liaoning1, liaoning2, datong, leaving, endorsed] = await Promise.all([holder(), holder(), holder(), holder(), holder(), holder()]);
  holdings.national = { holder: national, permit: await putPermit(national, 'national') };
  holdings.liaoning1 = { holder: liaoning1, permit: await putPermit(liaoning1, 'liaoning', years(1)) };
  holdings.liaoning2 = { holder: liaoning2, permit: await putPermit(liaoning2, 'liaoning', years(2)) };
  holdings.datong = { holder: datong, permit: await putPermit(datong, 'datong', years(5)) };
  // Reported leaving Datong on 20 June 2026: cancelled only once the 30-day return grace has passed.
  holdings.leaving = { holder: leaving, permit: await putPermit(leaving, 'datong', years(5), { cancellation: { leavingOn: '2026-06-20', effectiveOn: '2026-07-21' } }) };
  // Endorsed early through 2027 by a change whose index key was not moved: the job only moves it.
  const stale = await putPermit(endorsed, 'national');
  const fixed = { ...stale, endorsedThrough: '2027-03-10' };
  await db().send(new PutCommand({ TableName: product.tableName, Item: fixed }));
  holdings.endorsed = { holder: endorsed, permit: fixed };
});

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await product?.close();
});

const statuses = async () =>
  Object.fromEntries(await Promise.all(Object.entries(holdings).map(async ([name, { permit }]) => [name, (await read(permit)).status])));

describe('the daily job across a year', () => {
  it('finds nothing due on the issue day', async () => {
    expect(await runOn(ISSUED)).toEqual({ examined: 0, changed: 0, messages: 0, failed: 0 });
  });

  it('cancels the Datong permit of a holder who left, the day after the 30-day return grace', async () => {
    expect(await runOn('2026-07-20')).toEqual({ examined: 0, changed: 0, messages: 0, failed: 0 });
    expect(await runOn('2026-07-21')).toEqual({ examined: 1, changed: 1, messages: 1, failed: 0 });
    const { holder, permit } = holdings.leaving;
    expect(await read(permit)).toMatchObject({ status: 'cancelled', version: 2 });
    expect((await read(permit)).gsi3pk).toBeUndefined();
    expect(await messagesOf(holder)).toEqual([
      expect.objectContaining({ kind: 'permitCancelled', title: 'Permit cancelled', body: `Permit ${permit.number} was cancelled on 2026-07-21.` }),
    ]);
    expect(await textsOf(holder, permit)).toEqual([`【流动人口服务】居住证 ${permit.number} 已注销。`]);
  });

  it('opens the Datong window 30 days before the anniversary', async () => {
    expect(await runOn('2027-02-08')).toEqual({ examined: 1, changed: 1, messages: 1, failed: 0 });
    const { holder, permit } = holdings.datong;
    expect(await read(permit)).toMatchObject({ status: 'valid', notified: { windowOpen: '2027-03-10' }, nextSweepOn: '2027-03-03' });
    expect((await messagesOf(holder))[0]).toMatchObject({ kind: 'endorsementOpen', body: `The yearly endorsement of permit ${permit.number} is open. Endorse it by 2027-03-10.` });
  });

  it('opens the national window the month before, re-run for the missed day; moves a stale index key without a message', async () => {
    pretendToday('2027-02-12');
    expect(await runOn('2027-02-10', { today: '2027-02-10' })).toEqual({ examined: 3, changed: 2, messages: 2, failed: 0 });
    for (const name of ['national', 'liaoning2'] as const) {
      const { holder, permit } = holdings[name];
      expect(await read(permit), name).toMatchObject({ status: 'valid', notified: { windowOpen: '2027-03-10' }, nextSweepOn: '2027-03-03' });
      expect((await messagesOf(holder))[0], name).toMatchObject({ kind: 'endorsementOpen' });
      expect(await textsOf(holder, permit), name).toEqual([`【流动人口服务】居住证 ${permit.number} 可以签注了，请在 2027-03-10 前办理。`]);
    }
    const { holder, permit } = holdings.endorsed;
    expect(await read(permit)).toMatchObject({ status: 'valid', nextSweepOn: '2028-02-10', gsi3sk: `2028-02-10#${permit.id}`, version: 2 });
    expect(await messagesOf(holder)).toEqual([]);
    // The Liaoning 1-year permit owes no endorsement: its anniversary is its expiry.
    expect(await read(holdings.liaoning1.permit)).toMatchObject({ status: 'valid', nextSweepOn: '2027-03-11', version: 1 });
    // Today was 12 February all along: nothing else is due.
    expect(await handler({})).toEqual({ examined: 0, changed: 0, messages: 0, failed: 0 });
  });

  it('reminds 7 days before the window closes, with what a missed endorsement does under the pack', async () => {
    expect(await runOn('2027-03-03')).toEqual({ examined: 3, changed: 3, messages: 3, failed: 0 });
    const national = (await messagesOf(holdings.national.holder))[0];
    expect(national).toMatchObject({ kind: 'endorsementClosing', title: 'Yearly endorsement closes soon' });
    expect(national?.body).toBe(`The yearly endorsement of permit ${holdings.national.permit.number} closes on 2027-03-10. If it is missed, the permit stops working until it is endorsed.`);
    const datong = (await messagesOf(holdings.datong.holder))[0];
    expect(datong?.body).toContain('the permit lapses until it is endorsed');
    const zh = (await messagesOf(holdings.datong.holder, 'zh-CN'))[0];
    expect(zh?.body).toBe(`居住证 ${holdings.datong.permit.number} 的年度签注将于 2027-03-10 截止，逾期未签注将居住证废止。`);
  });

  it('does nothing on the anniversary, the last day to endorse', async () => {
    expect(await runOn('2027-03-10')).toEqual({ examined: 0, changed: 0, messages: 0, failed: 0 });
  });

  it('suspends missed endorsements and expires the 1-year Liaoning permit the day after', async () => {
    expect(await runOn('2027-03-11')).toEqual({ examined: 4, changed: 4, messages: 4, failed: 0 });
    expect(await statuses()).toEqual({ national: 'suspended', liaoning1: 'expired', liaoning2: 'suspended', datong: 'suspended', leaving: 'cancelled', endorsed: 'valid' });
    // Suspended under national: nothing more is due until the holder endorses. Liaoning and Datong still expire.
    expect((await read(holdings.national.permit)).gsi3pk).toBeUndefined();
    expect(await read(holdings.liaoning2.permit)).toMatchObject({ nextSweepOn: '2028-03-11' });
    expect(await read(holdings.datong.permit)).toMatchObject({ nextSweepOn: '2031-03-11' });
    expect((await read(holdings.liaoning1.permit)).gsi3pk).toBeUndefined();

    expect((await messagesOf(holdings.national.holder)).map((m) => m.kind)).toEqual(['permitSuspended', 'endorsementClosing', 'endorsementOpen']);
    expect((await messagesOf(holdings.liaoning1.holder)).map((m) => m.kind)).toEqual(['permitExpired']);
    expect((await messagesOf(holdings.liaoning1.holder))[0]?.body).toBe(`Permit ${holdings.liaoning1.permit.number} expired on 2027-03-10. If you still live here, apply again.`);
    expect((await messagesOf(holdings.national.holder, 'zh-CN'))[0]?.body).toBe(
      `居住证 ${holdings.national.permit.number} 未按期签注，使用功能中止。补办签注即可恢复。`,
    );
    expect(await textsOf(holdings.national.holder, holdings.national.permit)).toHaveLength(3);
  });

  it('expires the 2-year Liaoning permit the day after its validity, suspended or not', async () => {
    expect(await runOn('2028-02-10')).toEqual({ examined: 1, changed: 1, messages: 1, failed: 0 });
    expect((await messagesOf(holdings.endorsed.holder))[0]).toMatchObject({ kind: 'endorsementOpen' });
    expect(await runOn('2028-03-11')).toMatchObject({ changed: 2 });
    expect(await read(holdings.liaoning2.permit)).toMatchObject({ status: 'expired' });
    expect((await messagesOf(holdings.liaoning2.holder)).map((m) => m.kind)).toEqual(['permitExpired', 'permitSuspended', 'endorsementClosing', 'endorsementOpen']);
    expect(await read(holdings.endorsed.permit)).toMatchObject({ status: 'suspended' });
  });
});

describe('a permit changed while the job works on it', () => {
  /**
   * Someone else's change (a verification, the holder endorsing) lands between the job's read and
   * its write, `times` times: the first transactions that would write the permit meet a new version.
   */
  function changeUnderTheJob(permit: PermitItem, times: number) {
    const client = db();
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    let left = times;
    vi.spyOn(client, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof TransactWriteCommand && JSON.stringify(command.input).includes(permit.id) && left-- > 0) {
        await send(
          new UpdateCommand({
            TableName: product.tableName,
            Key: permitKey(permit.id),
            UpdateExpression: 'SET version = version + :one, verifications = if_not_exists(verifications, :zero) + :one',
            ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
          }),
        );
      }
      return send(command);
    }) as never);
  }

  it('is read again and swept once more: one change, one message, the other change kept', async () => {
    const holder = await newMigrant(product, '李四');
    const permit = await putPermit(holder, 'national', undefined, {}, '2028-01-05');
    changeUnderTheJob(permit, 1);
    pretendToday('2028-12-05');
    expect(await handler({})).toEqual({ examined: 1, changed: 1, messages: 1, failed: 0 });
    expect(await read(permit)).toMatchObject({ version: 3, verifications: 1, notified: { windowOpen: '2029-01-05' }, nextSweepOn: '2028-12-29' });
    expect((await messagesOf(holder)).map((m) => m.kind)).toEqual(['endorsementOpen']);
    expect(await textsOf(holder, permit)).toHaveLength(1);
  });

  it('is left for the next run when it changes again', async () => {
    const holder = await newMigrant(product, '李四');
    const permit = await putPermit(holder, 'national', undefined, {}, '2028-01-06');
    changeUnderTheJob(permit, 2);
    pretendToday('2028-12-06');
    expect(await handler({})).toEqual({ examined: 1, changed: 0, messages: 0, failed: 0 });
    expect(await read(permit)).toMatchObject({ version: 3, verifications: 2, gsi3sk: permit.gsi3sk });
    expect(await messagesOf(holder)).toEqual([]);
    vi.restoreAllMocks();
    expect(await handler({})).toEqual({ examined: 1, changed: 1, messages: 1, failed: 0 });
    expect(await read(permit)).toMatchObject({ version: 4, verifications: 2, notified: { windowOpen: '2029-01-06' } });
  });
});

describe('the handler', () => {
  it.each([
    ['a day not yet come', { today: '2999-01-01' }],
    ['an impossible date', { today: '2027-02-30' }],
    ['a date in another form', { today: '20270210' }],
    ['an unknown field', { day: '2027-02-10' }],
  ])('refuses %s', async (_, input) => {
    await expect(handler(input)).rejects.toThrow(/invalid input/);
  });
});
