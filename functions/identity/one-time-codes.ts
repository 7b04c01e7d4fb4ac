/**
 * Phone sign-in codes: 6 digits, valid 5 minutes, at most 5 requests per phone per hour and
 * 5 wrong attempts per code. One item per phone holds the current code and the request times;
 * every change is conditional on its version, so concurrent requests cannot exceed the limits.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { ONE_TIME_CODE } from '#shared/identity/sign-in-rules';
import { keyedHash } from '#functions/commons/pii';
import { now } from '#functions/commons/clock';
import { ApiError, invalidField } from '#functions/commons/errors';
import { readVersioned, withRetries, writeVersioned, type Versioned } from '#functions/commons/versioned-item';
import { recentTimes, HOUR_MS } from './attempt-window.ts';

interface CodeState extends Versioned {
  /** Epoch milliseconds of the code requests in the last hour. */
  requestedAt: number[];
  codeHash?: string;
  expiresAt?: number;
  wrongAttempts?: number;
  ttl: number;
}

const codeKey = async (phone: string) => ({ pk: `OTP#${await keyedHash('phone', phone)}`, sk: 'OTP' });
const codeHash = (phone: string, code: string) => keyedHash('otp', `${phone}:${code}`);

/** Creates a new code for a phone and returns it, or refuses with `code_rate_limited`. */
export async function issueCode(phone: string): Promise<string> {
  const key = await codeKey(phone);
  const code = await withRetries(async () => {
    const state = await readVersioned<CodeState>(key);
    const at = now();
    const recent = recentTimes(state?.requestedAt, HOUR_MS, at);
    if (recent.times.length >= ONE_TIME_CODE.maxRequestsPerHour) {
      throw new ApiError(429, 'code_rate_limited', { limit: ONE_TIME_CODE.maxRequestsPerHour, minutes: recent.minutesUntilOneExpires });
    }
    const fresh = String(randomInt(0, 10 ** ONE_TIME_CODE.digits)).padStart(ONE_TIME_CODE.digits, '0');
    const written = await writeVersioned<CodeState>(
      {
        ...key,
        requestedAt: [...recent.times, at],
        codeHash: await codeHash(phone, fresh),
        expiresAt: at + ONE_TIME_CODE.validForSeconds * 1000,
        wrongAttempts: 0,
        ttl: Math.ceil((at + HOUR_MS) / 1000),
      },
      state?.version,
    );
    return written ? { done: true as const, value: fresh } : { done: false as const };
  });
  if (code === undefined) throw new ApiError(429, 'too_many_requests');
  return code;
}

/** Accepts the code once; a wrong code counts against the attempts left. */
export async function redeemCode(phone: string, code: string): Promise<void> {
  const key = await codeKey(phone);
  const accepted = await withRetries(async () => {
    const state = await readVersioned<CodeState>(key);
    if (!state?.codeHash || state.expiresAt === undefined || state.expiresAt < now()) {
      throw invalidField('code', 'validation.invalid', 'code_expired');
    }
    const wrong = state.wrongAttempts ?? 0;
    if (wrong >= ONE_TIME_CODE.maxWrongAttempts) throw new ApiError(429, 'code_attempts_exhausted');
    const matches = timingSafeEqual(Buffer.from(await codeHash(phone, code)), Buffer.from(state.codeHash));
    const { codeHash: _used, expiresAt: _expiry, version, ...rest } = state;
    const next = matches ? rest : { ...state, wrongAttempts: wrong + 1 };
    if (!(await writeVersioned<CodeState>(next, version))) return { done: false as const };
    if (matches) return { done: true as const, value: true };
    const remaining = ONE_TIME_CODE.maxWrongAttempts - (wrong + 1);
    if (remaining <= 0) throw new ApiError(429, 'code_attempts_exhausted');
    throw invalidField('code', 'validation.invalid', 'code_invalid', { remaining });
  });
  if (!accepted) throw new ApiError(429, 'too_many_requests');
}
