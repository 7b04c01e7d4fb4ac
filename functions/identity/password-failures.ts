/**
 * Slows down password guessing: after 5 wrong passwords for one username within 15 minutes,
 * sign-in with that username is refused until the oldest failure leaves the window.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { PASSWORD_SIGN_IN } from '#shared/identity/sign-in-rules';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { now } from '#functions/commons/clock';
import { ApiError } from '#functions/commons/errors';
import { readVersioned, withRetries, writeVersioned, type Versioned } from '#functions/commons/versioned-item';
import { recentTimes } from './attempt-window.ts';

interface Failures extends Versioned {
  failedAt: number[];
  ttl: number;
}

const WINDOW_MS = PASSWORD_SIGN_IN.windowMinutes * 60_000;
const failuresKey = (username: string) => ({ pk: `SIGNIN#${username}`, sk: 'FAILURES' });

/** Refuses before the password is even checked when the username is locked. */
export async function assertNotLocked(username: string): Promise<void> {
  const state = await readVersioned<Failures>(failuresKey(username));
  const recent = recentTimes(state?.failedAt, WINDOW_MS, now());
  if (recent.times.length >= PASSWORD_SIGN_IN.maxFailures) {
    throw new ApiError(429, 'password_attempts_exhausted', { minutes: recent.minutesUntilOneExpires });
  }
}

export async function recordFailure(username: string): Promise<void> {
  const key = failuresKey(username);
  await withRetries(async () => {
    const state = await readVersioned<Failures>(key);
    const at = now();
    const recent = recentTimes(state?.failedAt, WINDOW_MS, at);
    const written = await writeVersioned<Failures>(
      { ...key, failedAt: [...recent.times, at], ttl: Math.ceil((at + WINDOW_MS) / 1000) },
      state?.version,
    );
    return written ? { done: true as const, value: undefined } : { done: false as const };
  });
}

export async function clearFailures(username: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: failuresKey(username) }));
}
