/** GET /api/me/declarations: the caller's declarations, newest first, a page at a time. */
import { listDeclarations } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { listOwnDeclarations } from './declarations.ts';

export const handler = httpHandler(listDeclarations, async ({ caller, query }) => listOwnDeclarations(caller.id, query.cursor, query.limit));
