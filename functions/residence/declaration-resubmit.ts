/** PUT /api/me/declarations/{id}: correct a returned declaration and submit it again. */
import { resubmitDeclaration } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { declarationView } from './declarations.ts';
import { resubmitDeclaration as resubmit } from './declare.ts';

export const handler = httpHandler(resubmitDeclaration, async ({ caller, params, body }) =>
  declarationView(await resubmit(caller.id, params.id, body.declaration, body.version)),
);
