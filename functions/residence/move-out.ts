/** POST /api/me/declarations/{id}/move-out: end a registration, or withdraw one in review. */
import { moveOut } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { declarationView } from './declarations.ts';
import { moveOutOf } from './moving-out.ts';

export const handler = httpHandler(moveOut, async ({ caller, params, body }) => declarationView(await moveOutOf(caller.id, params.id, body)));
