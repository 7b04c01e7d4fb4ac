/**
 * Writing many items at once, as a large import does: BatchWriteItem, 25 puts (or deletes) per
 * call. Whatever DynamoDB leaves unprocessed, and any call it throttles, is sent again after a
 * growing, jittered pause, so no item is dropped. Puts are unconditional: callers write items
 * whose key makes a repeat harmless, or that they know to be new.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db } from './dynamo.ts';
import { tableName } from './environment.ts';

export const BATCH_WRITE_LIMIT = 25;

/** Errors after which the same call may simply be made again. */
const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

export interface WriteRetries {
  /** Tries of one call (its unprocessed items included) before giving up. */
  attempts?: number;
  /** The first pause; each retry doubles it (with jitter), up to five seconds. */
  baseDelayMs?: number;
}

/** Full jitter: a random pause up to the doubled delay, so writers throttled together do not retry together. */
const backoff = (options: WriteRetries, attempt: number) => sleep(Math.random() * Math.min(5000, (options.baseDelayMs ?? 25) * 2 ** attempt));
const attemptsOf = (options: WriteRetries) => options.attempts ?? 10;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

async function sendRequests(requests: WriteRequest[], options: WriteRetries): Promise<void> {
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt++) {
    let output: BatchWriteCommandOutput;
    try {
      output = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
    } catch (error) {
      if (!RETRYABLE.has((error as Error).name) || attempt >= attemptsOf(options)) throw error;
      await backoff(options, attempt);
      continue;
    }
    pending = (output.UnprocessedItems?.[tableName()] ?? []) as WriteRequest[];
    if (pending.length === 0) return;
    if (attempt >= attemptsOf(options)) throw new Error(`${pending.length} items left unprocessed after ${attempt} tries`);
    await backoff(options, attempt);
  }
}

/** Puts items, 25 per call, the calls in parallel. */
export async function writeItems(items: ReadonlyArray<object>, options: WriteRetries = {}): Promise<void> {
  const calls: Promise<void>[] = [];
  for (let from = 0; from < items.length; from += BATCH_WRITE_LIMIT) {
    calls.push(sendRequests(items.slice(from, from + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item: Item as Record<string, unknown> } })), options));
  }
  await Promise.all(calls);
}

/** Deletes items by key, 25 per call, one call after another. */
export async function deleteItems(keys: ReadonlyArray<{ pk: string; sk: string }>, options: WriteRetries = {}): Promise<void> {
  for (let from = 0; from < keys.length; from += BATCH_WRITE_LIMIT) {
    await sendRequests(keys.slice(from, from + BATCH_WRITE_LIMIT).map((Key) => ({ DeleteRequest: { Key } })), options);
  }
}
