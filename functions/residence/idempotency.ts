/**
 * Idempotent submissions. A client that did not hear the answer (timeout, 503) sends the same
 * request again with the same `Idempotency-Key`; the record of the key is written in the same
 * transaction as the declaration or permit application it created, so either both exist or neither
 * does, and the retry gets the first one back instead of a second one.
 */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError, invalidField } from '#functions/commons/errors';
import { idempotencyKey, type IdempotencyItem } from './items.ts';
import { epochSecondsAfter } from '#functions/commons/clock';
import type { TransactItem } from '#functions/commons/transactions';

/** A retry comes within minutes; a day covers a phone that was offline overnight. */
const RETENTION_SECONDS = 24 * 3600;
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

/** The request's key, undefined when none was sent, a 400 when it is malformed. */
export function idempotencyKeyOf(event: APIGatewayProxyEventV2): string | undefined {
  const entry = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'idempotency-key');
  if (entry?.[1] === undefined) return undefined;
  if (!KEY_PATTERN.test(entry[1])) throw invalidField('idempotencyKey', 'validation.invalid');
  return entry[1];
}

/** Objects with their keys sorted, so the same request always gives the same text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Hash of the parsed (trimmed, normalised) body: a retry that differs only in whitespace is the same request. */
export const fingerprint = (body: unknown) => createHash('sha256').update(JSON.stringify(canonical(body))).digest('base64url');

/** What a submission created: a declaration, a permit application, a house or a report's tenancies. */
export type Created = { declarationId: string } | { applicationId: string } | { houseId: string } | { tenancyIds: string[] };

/**
 * The record an earlier request with this key left, or undefined when the key is new. The same key
 * with another body is refused: the client is confused, and guessing would be worse.
 */
export async function priorRecord(accountId: string, key: string, print: string): Promise<IdempotencyItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: idempotencyKey(accountId, key), ConsistentRead: true }));
  const record = Item as IdempotencyItem | undefined;
  if (record && record.fingerprint !== print) throw new ApiError(422, 'idempotency_key_reused');
  return record;
}

/** The declaration an earlier request with this key created, or undefined when the key is new. */
export const priorDeclaration = async (accountId: string, key: string, print: string): Promise<string | undefined> =>
  (await priorRecord(accountId, key, print))?.declarationId;

/** The permit application an earlier request with this key created, or undefined when the key is new. */
export const priorApplication = async (accountId: string, key: string, print: string): Promise<string | undefined> =>
  (await priorRecord(accountId, key, print))?.applicationId;

export function idempotencyPut(accountId: string, key: string, print: string, created: Created): TransactItem {
  const item: IdempotencyItem = { ...idempotencyKey(accountId, key), sk: 'IDEMPOTENCY', fingerprint: print, ...created, ttl: epochSecondsAfter(RETENTION_SECONDS) };
  return { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}
