/**
 * Reading many items by key: one BatchGetItem per hundred keys (DynamoDB's limit), asking again
 * with a growing pause for whatever DynamoDB left unprocessed (it does so under load), so no key
 * is silently dropped. Items come back in no particular order; a key with no item is simply absent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db } from './dynamo.ts';
import { tableName } from './environment.ts';

const BATCH_GET_LIMIT = 100;

export interface BatchReadOptions {
  /** Only these attributes (names are aliased, so reserved words like `language` are fine). */
  attributes?: readonly string[];
}

export async function readItems<T>(keys: ReadonlyArray<{ pk: string; sk: string }>, options: BatchReadOptions = {}): Promise<T[]> {
  const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const projection = options.attributes && {
    ProjectionExpression: options.attributes.map((_, index) => `#a${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(options.attributes.map((name, index) => [`#a${index}`, name])),
  };
  const found: T[] = [];
  for (let from = 0; from < unique.length; from += BATCH_GET_LIMIT) {
    let pending: Array<Record<string, unknown>> | undefined = unique.slice(from, from + BATCH_GET_LIMIT);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await sleep(20 * 2 ** Math.min(attempt, 6));
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ...projection } } }),
      );
      found.push(...((Responses?.[tableName()] ?? []) as T[]));
      pending = UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return found;
}
