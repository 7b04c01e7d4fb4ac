/**
 * Keyed hashes (HMAC-SHA256) of personal identifiers — phone and citizen ID numbers — so records
 * can be looked up by them without storing them as keys. The key comes from `PII_HASH_KEY`
 * (local) or from the Secrets Manager secret named by `PII_KEY_SECRET_ARN` (AWS).
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * Keyed by the setting it came from, so a local product restarted in one process picks up its own
 * key. Kept as a KeyObject: an HMAC from a raw buffer costs several times as much (an upload hashes
 * two numbers per row).
 */
let cached: { setting: string; key: KeyObject } | undefined;

async function hashKey(): Promise<KeyObject> {
  const direct = process.env.PII_HASH_KEY;
  const arn = process.env.PII_KEY_SECRET_ARN;
  const setting = direct ? `direct:${direct}` : `secret:${arn ?? ''}`;
  if (cached?.setting === setting) return cached.key;
  let key: Buffer;
  if (direct) key = Buffer.from(direct, 'base64');
  else {
    if (!arn) throw new Error('neither PII_HASH_KEY nor PII_KEY_SECRET_ARN is set');
    const secret = await getSecret(arn, { maxAge: 3600 });
    if (typeof secret !== 'string' || !secret) throw new Error('the keyed-hash secret is empty');
    key = Buffer.from(secret, 'utf8');
  }
  cached = { setting, key: createSecretKey(key) };
  return cached.key;
}

/** `clientAddress`: the address a public route's caller is rate-limited by (functions/commons/http/rate-limit.ts). */
export type IdentifierKind = 'phone' | 'citizenId' | 'otp' | 'clientAddress';

export async function keyedHash(kind: IdentifierKind, value: string): Promise<string> {
  return createHmac('sha256', await hashKey()).update(`${kind}:${value}`).digest('base64url');
}
