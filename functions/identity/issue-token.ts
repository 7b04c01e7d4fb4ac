import { issueToken } from '#shared/api/identity';
import { TOKEN_LIFETIME_SECONDS } from '#shared/identity/sign-in-rules';
import { httpHandler } from '#functions/commons/http/handler';
import { ApiError } from '#functions/commons/errors';
import { accountForPassword, residentForPhone, type Account } from './accounts.ts';
import { redeemCode } from './one-time-codes.ts';
import { signIdToken } from './local-tokens.ts';
import { assertNotLocked, clearFailures, recordFailure } from './password-failures.ts';

export const handler = httpHandler(issueToken, async ({ body }) => {
  let account: Account | undefined;
  if (body.phone !== undefined && body.code !== undefined) {
    await redeemCode(body.phone, body.code);
    account = await residentForPhone(body.phone);
  } else if (body.username !== undefined && body.password !== undefined) {
    await assertNotLocked(body.username);
    account = await accountForPassword(body.username, body.password);
    if (!account) {
      await recordFailure(body.username);
      throw new ApiError(401, 'bad_credentials');
    }
    await clearFailures(body.username);
  } else {
    throw new ApiError(400, 'validation_failed');
  }
  return { token: await signIdToken(account), expiresInSeconds: TOKEN_LIFETIME_SECONDS };
});
