/** POST /api/landlord/tenancies/{id}/move-out: a tenant has moved out. */
import { moveTenantOut } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { moveOut } from './moving-out.ts';
import { tenancyView } from './views.ts';

export const handler = httpHandler(moveTenantOut, async ({ caller, params, body }) => tenancyView(await moveOut(caller, params.id, body), currentInstant()));
