/** POST /api/me/declarations: declare a residence (idempotent with an Idempotency-Key). */
import { submitDeclaration } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { declarationView } from './declarations.ts';
import { declareResidence } from './declare.ts';
import { fingerprint, idempotencyKeyOf } from './idempotency.ts';

export const handler = httpHandler(submitDeclaration, async ({ caller, body, event }) => {
  const key = idempotencyKeyOf(event);
  const declaration = await declareResidence({
    accountId: caller.id,
    input: body,
    ...(key ? { idempotency: { key, fingerprint: fingerprint(body) } } : {}),
  });
  return declarationView(declaration);
});
