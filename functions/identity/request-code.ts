import { requestCode } from '#shared/api/identity';
import { ONE_TIME_CODE } from '#shared/identity/sign-in-rules';
import { httpHandler } from '#functions/commons/http/handler';
import { translator } from '#functions/commons/i18n';
import { smsSender } from '#functions/commons/sms';
import { issueCode } from './one-time-codes.ts';

export const handler = httpHandler(requestCode, async ({ body, language }) => {
  const code = await issueCode(body.phone);
  const text = translator(language)('sms:signInCode', { code, minutes: ONE_TIME_CODE.validForSeconds / 60 });
  await smsSender().send(body.phone, text);
  return { expiresInSeconds: ONE_TIME_CODE.validForSeconds };
});
