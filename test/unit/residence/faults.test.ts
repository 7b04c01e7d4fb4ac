/**
 * A throttled database loses nothing: the submission answers 503 with Retry-After, and the same
 * request sent again with the same Idempotency-Key creates exactly one declaration — also when the
 * first transaction did commit and only its answer was lost. The faults are injected into the
 * DynamoDB client with aws-sdk-client-mock; every other call goes through to DynamoDB Local.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { call } from '#test/support/api-client';
import { dynamoFaults, type Send } from '#test/support/faults';
import { startProduct, type TestProduct } from '#test/support/product';
import { STREETS, declarationBody, residentWithProfile, type Resident } from '#test/support/residents';

let product: TestProduct;
const database = dynamoFaults();
const { realSend } = database;

type Fault = 'before' | 'after';

/** The next transaction fails with `error`: before it reaches the database, or after it committed. */
function failNextTransaction(error: Error, when: Fault) {
  let armed = true;
  const faulty: Send = async function (command) {
    if (armed && command instanceof TransactWriteCommand) {
      armed = false;
      if (when === 'after') await realSend.call(this, command);
      throw error;
    }
    return realSend.call(this, command);
  };
  database.fake(faulty);
}

beforeAll(async () => {
  product = await startProduct();
  // A whole product against DynamoDB Local: the unit project's default timeouts are for pure functions.
}, 60_000);

afterAll(async () => {
  await product?.close();
});

const submit = (resident: Resident, key: string) =>
  fetch(`${product.url}/api/me/declarations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${resident.token}`, 'content-type': 'application/json', 'accept-language': 'en', 'idempotency-key': key },
    body: JSON.stringify(declarationBody(STREETS.shenzhen, '2026-11-01')),
  }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.json() }));

const declarationsOf = async (resident: Resident) =>
  (await call<{ items: Array<{ id: string }> }>(product, 'GET', '/api/me/declarations', { token: resident.token })).body.items;

const throughputExceeded = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });
const throttledTransaction = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }],
  });

it.each([
  ['ProvisionedThroughputExceededException', throughputExceeded],
  ['a transaction cancelled by ThrottlingError', throttledTransaction],
])('answers %s with 503 and Retry-After; the retry with the same key declares once', async (_, fault) => {
  const resident = await residentWithProfile(product, '4');
  failNextTransaction(fault(), 'before');
  const throttled = await submit(resident, 'throttle-before-1');
  expect(throttled.status).toBe(503);
  expect(throttled.retryAfter).toBe('1');
  expect(throttled.body.error.code).toBe('service_unavailable');
  expect(await declarationsOf(resident)).toEqual([]);

  const retried = await submit(resident, 'throttle-before-1');
  expect(retried.status, JSON.stringify(retried.body)).toBe(201);
  expect((await declarationsOf(resident)).map((d) => d.id)).toEqual([retried.body.id]);
}, 30_000);

it('returns the committed declaration when only the answer was lost', async () => {
  const resident = await residentWithProfile(product, '4');
  failNextTransaction(throughputExceeded(), 'after');
  expect((await submit(resident, 'throttle-after-1')).status).toBe(503);
  const [committed] = await declarationsOf(resident);
  expect(committed).toBeDefined();

  const retried = await submit(resident, 'throttle-after-1');
  expect(retried.status).toBe(201);
  expect(retried.body.id).toBe(committed!.id);
  expect(await declarationsOf(resident)).toHaveLength(1);
  expect((await call(product, 'GET', '/api/me/messages', { token: resident.token })).body.items).toHaveLength(1);
}, 30_000);
