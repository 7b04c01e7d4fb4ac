/**
 * Authenticating an organisation's API key (`X-Api-Key`): a well-formed key whose SHA-256 has a
 * look-up item is the organisation's agency caller, with claims named as a user's token names
 * them so handlers read both alike. When the key was last used is recorded at most once a minute,
 * and a failure to record it never fails the request.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CLAIM } from '#shared/identity/roles';
import { currentInstant } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { API_KEY_CLAIM } from '#functions/commons/http/caller';
import { logger } from '#functions/commons/logger';
import { API_KEY_PATTERN, sha256Hex } from './api-keys.ts';
import { apiKeyKey, apiKeyLookupKey, type ApiKeyLookupItem } from './items.ts';

/** The claims of an API key's caller, as a Lambda authorizer's context carries them (strings only). */
export interface ApiKeyClaims {
  sub: string;
  [CLAIM.groups]: string;
  [CLAIM.org]: string;
  [API_KEY_CLAIM]: string;
  [claim: string]: string;
}

const LAST_USED_EVERY_MS = 60_000;
/** When this process last recorded each key's use: a busy key costs one write a minute, not one a request. */
const recorded = new Map<string, number>();

export async function callerForApiKey(key: string | undefined): Promise<ApiKeyClaims | undefined> {
  const match = API_KEY_PATTERN.exec(key?.trim() ?? '');
  if (!match) return undefined;
  const keyId = match[1]!;
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: apiKeyLookupKey(sha256Hex(key!.trim())) }));
  const lookup = Item as ApiKeyLookupItem | undefined;
  if (!lookup || lookup.keyId !== keyId) return undefined;
  await recordUse(lookup.orgId, keyId);
  return {
    sub: `apikey:${keyId}`,
    [CLAIM.groups]: '[agency]',
    [CLAIM.org]: lookup.orgId,
    [API_KEY_CLAIM]: keyId,
  };
}

async function recordUse(orgId: string, keyId: string): Promise<void> {
  const at = currentInstant();
  if (at.getTime() - (recorded.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
  if (recorded.size >= 10_000) recorded.clear();
  recorded.set(keyId, at.getTime());
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: apiKeyKey(orgId, keyId),
        UpdateExpression: 'SET lastUsedAt = :at',
        // Only an existing key (revoked in between: nothing to record), and once a minute across processes.
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':before': new Date(at.getTime() - LAST_USED_EVERY_MS).toISOString() },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') logger.warn('API key use not recorded', { keyId, error: (error as Error).name });
  }
}
