/**
 * An organisation's API keys, for its own systems to upload and read statuses without a person
 * signing in. A key is `fpk_<id>_<secret>`: shown once when created, kept only as its SHA-256 (a
 * look-up item finds the organisation from it), revoked by deleting both items. Only the
 * organisation's administrator manages keys, and never with a key.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { ApiKeyView } from '#shared/api/agency';
import { readableCode } from '#shared/references';
import { currentInstant } from '#functions/commons/clock';
import { db, queryAll } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { failedConditions, transact } from '#functions/commons/transactions';
import { getAccount } from '#functions/identity/accounts';
import { apiKeyKey, apiKeyLookupKey, organisationKey, type ApiKeyItem, type ApiKeyLookupItem } from './items.ts';

const KEY_PREFIX = 'fpk_';
/** `fpk_`, the key's id (10 Crockford characters), `_`, the secret (32 random bytes, base64url). */
export const API_KEY_PATTERN = /^fpk_([0-9A-HJKMNP-TV-Z]{10})_([A-Za-z0-9_-]{32,128})$/;
/** How much of a key the list shows to tell keys apart: `fpk_` and the first 8 characters of the id. */
const SHOWN_PREFIX_LENGTH = 12;

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export const apiKeyNotFound = () => new ApiError(404, 'api_key_not_found');

/** The organisation of a signed-in administrator of it; a key, a plain user or a user of no organisation may not manage keys. */
export function administeredOrganisation(caller: Caller): string {
  if (caller.apiKey || !caller.org || !caller.orgAdmin) throw new ApiError(403, 'org_admin_only');
  return caller.org;
}

export const apiKeyView = (item: ApiKeyItem): z.input<typeof ApiKeyView> => ({
  id: item.id,
  name: item.name,
  prefix: item.prefix,
  createdAt: item.createdAt,
  createdBy: item.createdBy,
  ...(item.lastUsedAt ? { lastUsedAt: item.lastUsedAt } : {}),
});

/** The organisation's keys, oldest first (a handful: read whole). */
export const apiKeysOf = (orgId: string): Promise<ApiKeyItem[]> =>
  queryAll<ApiKeyItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :key)',
    ExpressionAttributeValues: { ':pk': organisationKey(orgId).pk, ':key': 'APIKEY#' },
  });

export async function createApiKey(caller: Caller, name: string): Promise<{ item: ApiKeyItem; secret: string }> {
  const orgId = administeredOrganisation(caller);
  const id = readableCode(Array.from({ length: 10 }, () => randomInt(32)), 10);
  const secret = `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  const secretHash = sha256Hex(secret);
  const item: ApiKeyItem = {
    ...apiKeyKey(orgId, id),
    id,
    orgId,
    name,
    prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
    secretHash,
    createdAt: currentInstant().toISOString(),
    createdBy: (await getAccount(caller.id))?.displayName ?? caller.id,
  };
  const lookup: ApiKeyLookupItem = { ...apiKeyLookupKey(secretHash), sk: 'APIKEY', orgId, keyId: id, name };
  await transact([
    { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: lookup, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  return { item, secret };
}

/** Deletes the key's look-up item (the key stops working at once) and the key itself; another organisation's key is not found. */
export async function revokeApiKey(caller: Caller, keyId: string): Promise<void> {
  const orgId = administeredOrganisation(caller);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: apiKeyKey(orgId, keyId), ConsistentRead: true }));
  const item = Item as ApiKeyItem | undefined;
  if (!item) throw apiKeyNotFound();
  try {
    await transact([
      { Delete: { TableName: tableName(), Key: apiKeyLookupKey(item.secretHash) } },
      { Delete: { TableName: tableName(), Key: apiKeyKey(orgId, keyId), ConditionExpression: 'attribute_exists(pk)' } },
    ]);
  } catch (error) {
    // Revoked by another request in between.
    if (failedConditions(error)) throw apiKeyNotFound();
    throw error;
  }
}
