/** Approving several accepted applications at once: each decided on its own, exactly as a single approval. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMIT_NUMBER_PATTERN } from '#shared/permit/lifecycle';
import { BULK_APPROVE_MAX } from '#shared/api/permit';
import { startProduct, type TestProduct } from '#test/support/product';
import {
  DATONG,
  PERMIT_STREETS,
  SHENZHEN,
  accept,
  holderPointer,
  messagesOf,
  newMigrant,
  officerCalls,
  officersOf,
  placeApplication,
  storedApplication,
  storedPermit,
} from './applications.ts';

let product: TestProduct;
let calls: ReturnType<typeof officerCalls>;
let datong: Awaited<ReturnType<typeof officersOf>>;
let shenzhen: Awaited<ReturnType<typeof officersOf>>;

const acceptedIn = async (station: string, street: string, token: string) => {
  const placed = await placeApplication(product, await newMigrant(product), { station, street });
  const accepted = await accept(product, token, placed);
  return { ...placed, version: accepted.version };
};

beforeAll(async () => {
  product = await startProduct();
  calls = officerCalls(product);
  datong = await officersOf(product, DATONG);
  shenzhen = await officersOf(product, SHENZHEN);
});

afterAll(async () => {
  await product?.close();
});

describe('bulk approval', () => {
  it('approves the accepted ones and reports each that changed, is not accepted, or is not the station’s', async () => {
    const [a, b, stale, changed] = await Promise.all(
      [0, 1, 2, 3].map(() => acceptedIn(DATONG, PERMIT_STREETS.datong, datong.token)),
    );
    // Returned by a colleague after the officer selected it.
    const returned = await calls.decide(datong.colleague, changed!.id, { action: 'return', corrections: ['proofUnreadable'], version: changed!.version });
    expect(returned.status).toBe(200);
    const submitted = await placeApplication(product, await newMigrant(product), { station: DATONG, street: PERMIT_STREETS.datong });
    const elsewhere = await acceptedIn(SHENZHEN, PERMIT_STREETS.shenzhen, shenzhen.token);

    const answer = await calls.bulk(datong.token, [
      { id: a!.id, version: a!.version },
      { id: stale!.id, version: stale!.version - 1 },
      { id: changed!.id, version: changed!.version },
      { id: submitted.id, version: submitted.version },
      { id: elsewhere.id, version: elsewhere.version },
      { id: 'JZ20261122-0000AA', version: 1 },
      { id: b!.id, version: b!.version },
    ]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.results.map((r) => [r.id, r.outcome])).toEqual([
      [a!.id, 'approved'],
      [stale!.id, 'changed'],
      [changed!.id, 'changed'],
      [submitted.id, 'notAllowed'],
      [elsewhere.id, 'notFound'],
      ['JZ20261122-0000AA', 'notFound'],
      [b!.id, 'approved'],
    ]);
    for (const approved of [a!, b!]) {
      const result = answer.body.results.find((r) => r.id === approved.id)!;
      expect(result.permitNumber).toMatch(PERMIT_NUMBER_PATTERN);
      const stored = (await storedApplication(product, approved.id))!;
      expect(stored).toMatchObject({ status: 'issued', permitNumber: result.permitNumber });
      expect(await storedPermit(product, stored.permitId!)).toMatchObject({ number: result.permitNumber, status: 'valid' });
      expect(await holderPointer(product, approved.migrant.accountId)).toEqual(expect.objectContaining({ permitId: stored.permitId }));
      expect((await messagesOf(product, approved.migrant.accountId))[0]).toMatchObject({ kind: 'permitIssued', values: { number: result.permitNumber } });
    }
    expect(answer.body.results.filter((r) => r.outcome !== 'approved').every((r) => r.permitNumber === undefined)).toBe(true);
    expect((await storedApplication(product, stale!.id))!.status).toBe('accepted');
    expect((await storedApplication(product, changed!.id))!.status).toBe('returned');
    expect((await storedApplication(product, submitted.id))!.status).toBe('submitted');
    expect((await storedApplication(product, elsewhere.id))!.status).toBe('accepted');

    // The stale one, approved at the version the queue now shows.
    const again = await calls.bulk(datong.token, [{ id: stale!.id, version: stale!.version }]);
    expect(again.body.results).toEqual([expect.objectContaining({ id: stale!.id, outcome: 'approved' })]);
    // Approving twice: the second finds it changed.
    const twice = await calls.bulk(datong.token, [{ id: stale!.id, version: stale!.version }]);
    expect(twice.body.results).toEqual([{ id: stale!.id, outcome: 'changed' }]);
  });

  it('asks for at least one and at most the limit of applications', async () => {
    const none = await calls.bulk(datong.token, []);
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual([expect.objectContaining({ path: 'items' })]);
    const many = Array.from({ length: BULK_APPROVE_MAX + 1 }, () => ({ id: 'JZ20261122-0000AA', version: 1 }));
    expect((await calls.bulk(datong.token, many)).status).toBe(400);
    const badId = await calls.bulk(datong.token, [{ id: 'not-a-reference', version: 1 }]);
    expect(badId.status).toBe(400);
  });
});
