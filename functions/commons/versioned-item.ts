/**
 * Read-modify-write of one item guarded by a `version` attribute: a write succeeds only if nobody
 * wrote the item since it was read, so concurrent requests cannot both pass a limit.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './dynamo.ts';
import { tableName } from './environment.ts';

export interface Versioned {
  pk: string;
  sk: string;
  version: number;
}

export async function readVersioned<T extends Versioned>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item as T | undefined;
}

/** Writes `next` as version `previous + 1`; false when another writer got there first. */
export async function writeVersioned<T extends Versioned>(next: Omit<T, 'version'>, previousVersion: number | undefined): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...next, version: (previousVersion ?? 0) + 1 },
        ConditionExpression: previousVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(previousVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': previousVersion } }),
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Runs `attempt` until its write wins, a few times at most; each run reads afresh. */
export async function withRetries<T>(attempt: () => Promise<{ done: true; value: T } | { done: false }>, tries = 5): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const result = await attempt();
    if (result.done) return result.value;
  }
  return undefined;
}
