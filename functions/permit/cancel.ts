/** POST /api/me/permit/cancellation: report leaving; the permit is cancelled now or when the pack's grace has passed. */
import { cancelPermit } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { holderCard } from './card.ts';
import { cancelPermit as cancel } from './cancelling.ts';

export const handler = httpHandler(cancelPermit, async ({ caller, body, event }) =>
  holderCard(await cancel(caller.id, body.holder, body.leavingOn, body.version), event),
);
