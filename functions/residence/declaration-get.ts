/** GET /api/me/declarations/{id}: one of the caller's declarations (404 for anyone else's). */
import { getDeclaration } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { declarationView, ownDeclaration } from './declarations.ts';

export const handler = httpHandler(getDeclaration, async ({ caller, params }) => declarationView(await ownDeclaration(caller.id, params.id)));
