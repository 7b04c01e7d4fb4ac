/** GET /api/verify/{token}: the public check of a shown permit. Nothing about the checker is read or logged. */
import { verifyPermit } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { verifyPermitToken } from './verification.ts';

export const handler = httpHandler(verifyPermit, async ({ params }) => verifyPermitToken(params.token));
