/** POST /api/landlord/confirmations/{id}: confirm a tenant's request or decline it with a reason. */
import { decideConfirmation } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { answerRequest } from './confirming.ts';
import { tenancyView } from './views.ts';

export const handler = httpHandler(decideConfirmation, async ({ caller, params, body }) => tenancyView(await answerRequest(caller, params.id, body), currentInstant()));
