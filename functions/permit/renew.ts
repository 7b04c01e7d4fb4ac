/** POST /api/me/permit/renewals: apply to renew the permit before it expires. */
import { renewPermit } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { renewPermit as renew } from './renewing.ts';
import { applicationView } from './views.ts';

export const handler = httpHandler(renewPermit, async ({ caller, body }) => applicationView(await renew(caller.id, body)));
