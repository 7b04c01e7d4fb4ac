/** POST /api/me/permit/applications: apply for a permit or a replacement (idempotent with an Idempotency-Key). */
import { applyForPermit as applyContract } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { fingerprint, idempotencyKeyOf } from '#functions/residence/idempotency';
import { applyForPermit } from './applying.ts';
import { applicationView } from './views.ts';

export const handler = httpHandler(applyContract, async ({ caller, body, event }) => {
  const key = idempotencyKeyOf(event);
  const application = await applyForPermit({
    accountId: caller.id,
    input: body,
    ...(key ? { idempotency: { key, fingerprint: fingerprint(body) } } : {}),
  });
  return applicationView(application);
});
