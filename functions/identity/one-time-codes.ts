/**
 * Phone sign-in codes: 6 digits, valid 5 minutes, at most 5 requests per phone per hour and
 * 5 wrong attempts per code. One item per phone holds the current code and the request times;
 * every change is conditional on its version, so concurrent requests cannot exceed the limits.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ONE_TIME_CODE } from '#shared/identity/sign-in-rules';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { keyedHash } from '#functions/commons/pii';
import { now } from '#functions/commons/clock';
import { ApiError, invalidField } from '#functions/commons/errors';

interface CodeState {
  pk: string;
  sk: 'OTP';
  version: number;
  /** Epoch milliseconds of the code requests in the last hour. */
  requestedAt: number[];
  codeHash?: string;
  expiresAt?: number;
  wrongAttempts?: number;
  ttl: number;
}

const HOUR_MS = 3600_000;

async function load(phone: string): Promise<{ pk: string; state: CodeState | undefined }> {
  const pk = `OTP#${await keyedHash('phone', phone)}`;
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: { pk, sk: 'OTP' }, ConsistentRead: true }));
  return { pk, state: Item as CodeState | undefined };
}

async function save(next: CodeState, previousVersion: number | undefined): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: next,
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

const codeHash = (phone: string, code: string) => keyedHash('otp', `${phone}:${code}`);

/** Creates a new code for a phone and returns it, or refuses with `code_rate_limited`. */
export async function issueCode(phone: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { pk, state } = await load(phone);
    const at = now();
    const recent = (state?.requestedAt ?? []).filter((t) => t > at - HOUR_MS);
    if (recent.length >= ONE_TIME_CODE.maxRequestsPerHour) {
      const waitMs = Math.min(...recent) + HOUR_MS - at;
      throw new ApiError(429, 'code_rate_limited', {
        limit: ONE_TIME_CODE.maxRequestsPerHour,
        minutes: Math.max(1, Math.ceil(waitMs / 60_000)),
      });
    }
    const code = String(randomInt(0, 10 ** ONE_TIME_CODE.digits)).padStart(ONE_TIME_CODE.digits, '0');
    const expiresAt = at + ONE_TIME_CODE.validForSeconds * 1000;
    const next: CodeState = {
      pk,
      sk: 'OTP',
      version: (state?.version ?? 0) + 1,
      requestedAt: [...recent, at],
      codeHash: await codeHash(phone, code),
      expiresAt,
      wrongAttempts: 0,
      ttl: Math.ceil((at + HOUR_MS) / 1000),
    };
    if (await save(next, state?.version)) return code;
  }
  throw new ApiError(429, 'too_many_requests');
}

/** Accepts the code once; a wrong code counts against the attempts left. */
export async function redeemCode(phone: string, code: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { state } = await load(phone);
    const at = now();
    if (!state?.codeHash || state.expiresAt === undefined || state.expiresAt < at) {
      throw invalidField('code', 'validation.invalid', 'code_expired');
    }
    const wrong = state.wrongAttempts ?? 0;
    if (wrong >= ONE_TIME_CODE.maxWrongAttempts) throw new ApiError(429, 'code_attempts_exhausted');
    const matches = timingSafeEqual(Buffer.from(await codeHash(phone, code)), Buffer.from(state.codeHash));
    const { codeHash: _used, expiresAt: _expiry, ...rest } = state;
    const next: CodeState = matches
      ? { ...rest, version: state.version + 1 }
      : { ...state, version: state.version + 1, wrongAttempts: wrong + 1 };
    if (!(await save(next, state.version))) continue;
    if (matches) return;
    const remaining = ONE_TIME_CODE.maxWrongAttempts - (wrong + 1);
    if (remaining <= 0) throw new ApiError(429, 'code_attempts_exhausted');
    throw invalidField('code', 'validation.invalid', 'code_invalid', { remaining });
  }
  throw new ApiError(429, 'too_many_requests');
}
