/**
 * A throttled table loses nothing of an upload: while the commit writes, DynamoDB refuses whole
 * BatchWriteItem calls (ProvisionedThroughputExceededException) and leaves half of others
 * unprocessed; the worker sends them again after a pause, and every record and row error is
 * written exactly once. The same for a check whose row errors are throttled, and for the look-ups
 * a second commit of the same rows makes (BatchGetItem leaving keys unprocessed). The faults are
 * injected into the DynamoDB client with aws-sdk-client-mock; every other call goes through to
 * DynamoDB Local.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BatchGetCommand, BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { db } from '#functions/commons/dynamo';
import { commitUpload, csvOf, newOrganisation, uploadSheet, waitForUpload, type TestOrganisation, type TestRow } from '#test/support/agency';
import { dynamoFaults, type Send } from '#test/support/faults';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId } from '#test/support/residents';

let product: TestProduct;
let org: TestOrganisation;
const database = dynamoFaults();
const { realSend } = database;

type WriteRequest = { PutRequest: { Item: { pk: string; sk: string } } };

/**
 * BatchWriteItem calls fail in turn: `refused` calls are refused whole (nothing written), the
 * `halved` ones write their first half and hand the rest back as unprocessed; every put that
 * reached the table is counted by key.
 */
function throttleBatchWrites(refused: ReadonlySet<number>, halved: ReadonlySet<number>) {
  const written = new Map<string, number>();
  const faults = { refused: 0, halved: 0 };
  let calls = 0;
  const faulty: Send = async function (command) {
    if (!(command instanceof BatchWriteCommand)) return realSend.call(this, command);
    const call = ++calls;
    const [table, requests] = Object.entries(command.input.RequestItems ?? {})[0]! as [string, WriteRequest[]];
    if (refused.has(call)) {
      faults.refused++;
      throw new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });
    }
    const sent = halved.has(call) && requests.length > 1 ? requests.slice(0, Math.ceil(requests.length / 2)) : requests;
    const output = (await realSend.call(this, new BatchWriteCommand({ RequestItems: { [table]: sent } }))) as { UnprocessedItems?: Record<string, WriteRequest[]> };
    const unprocessed = [...(output.UnprocessedItems?.[table] ?? []), ...requests.slice(sent.length)];
    if (sent.length < requests.length) faults.halved++;
    for (const request of sent) {
      if (unprocessed.includes(request)) continue;
      const key = `${request.PutRequest.Item.pk}|${request.PutRequest.Item.sk}`;
      written.set(key, (written.get(key) ?? 0) + 1);
    }
    return { ...output, UnprocessedItems: unprocessed.length ? { [table]: unprocessed } : {} };
  };
  database.fake(faulty);
  return { written, faults };
}

beforeAll(async () => {
  product = await startProduct();
  org = await newOrganisation(product, 'employer');
  // A whole product against DynamoDB Local: the unit project's default timeouts are for pure functions.
}, 60_000);

afterAll(async () => {
  await product?.close();
});

const VALID = 230;
const INVALID = 12;

function rows(): TestRow[] {
  const hire = sheetTexts('zh-CN').events.hire;
  return Array.from({ length: VALID + INVALID }, (_, i) => ({
    name: '孙七',
    citizenId: citizenId('440304', '19920202', String(i).padStart(3, '0')),
    // The first rows have a phone of five digits: invalid.
    phone: i < INVALID ? '13800' : `1360000${String(i).padStart(4, '0')}`,
    event: hire,
    date: '2025-06-01',
    workplace: '仓库',
  }));
}

const itemsOf = async (pk: string, prefix = '') => {
  const items: Array<{ pk: string; sk: string }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as typeof items));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

let uploadId: string;

it('a check whose row errors are throttled writes each of them once', async () => {
  const { written, faults } = throttleBatchWrites(new Set([1]), new Set([2]));
  uploadId = await uploadSheet(product, org.token, 'throttled.csv', csvOf(rows()));
  const checked = await waitForUpload(product, org.token, uploadId, ['checked', 'failed'], { timeoutMs: 30_000 });
  expect(checked.counts).toMatchObject({ rows: VALID + INVALID, valid: VALID, invalid: INVALID });
  expect(faults).toEqual({ refused: 1, halved: 1 });
  expect(await itemsOf(`UPLOAD#${uploadId}`, 'ERROR#')).toHaveLength(INVALID);
  expect([...written.values()].every((n) => n === 1)).toBe(true);
  expect(written.size).toBe(INVALID);
}, 60_000);

it('a commit whose writes are refused and halved again and again writes every record once', async () => {
  const { written, faults } = throttleBatchWrites(new Set([1, 3, 4, 9]), new Set([2, 5, 7, 8]));
  const committed = await commitUpload(product, org.token, uploadId);
  expect(committed.status).toBe('committed');
  expect(committed.counts).toMatchObject({ valid: VALID, invalid: INVALID, written: VALID, alreadyReported: 0 });
  expect(faults).toEqual({ refused: 4, halved: 4 });
  const records = await itemsOf(`ORG#${org.id}#REPORTS`);
  expect(records).toHaveLength(VALID);
  // Each record reached the table once (and each row error, written again by the commit, once more).
  const recordKeys = [...written.keys()].filter((key) => key.startsWith(`ORG#${org.id}#REPORTS|`));
  expect(recordKeys).toHaveLength(VALID);
  expect([...written.values()].every((n) => n === 1)).toBe(true);
}, 60_000);

it('look-ups left unprocessed are asked again: the same file again is all already reported', async () => {
  let unprocessed = 0;
  const faulty: Send = async function (command) {
    if (!(command instanceof BatchGetCommand) || unprocessed >= 3) return realSend.call(this, command);
    unprocessed++;
    // DynamoDB under load answers part of a batch and names the rest as unprocessed.
    const [table, request] = Object.entries(command.input.RequestItems ?? {})[0]!;
    const keys = request.Keys ?? [];
    const half = Math.ceil(keys.length / 2);
    const output = (await realSend.call(this, new BatchGetCommand({ RequestItems: { [table]: { ...request, Keys: keys.slice(0, half) } } }))) as object;
    return { ...output, UnprocessedKeys: { [table]: { ...request, Keys: keys.slice(half) } } };
  };
  database.fake(faulty);
  const again = await uploadSheet(product, org.token, 'again.csv', csvOf(rows()));
  const checked = await waitForUpload(product, org.token, again, ['checked', 'failed'], { timeoutMs: 30_000 });
  expect(unprocessed).toBe(3);
  expect(checked.counts).toMatchObject({ valid: VALID, alreadyReported: VALID });
  expect(await itemsOf(`ORG#${org.id}#REPORTS`)).toHaveLength(VALID);
}, 60_000);
