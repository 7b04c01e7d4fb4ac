import { getPolicy } from '#shared/api/policies';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { reply } from '#functions/commons/http/response';
import { findPack, policyDocumentOf } from './documents.ts';
import { CACHE_FOR_AN_HOUR } from './caching.ts';

export const handler = httpHandler(getPolicy, async ({ params }) => {
  const pack = findPack(params.id);
  if (!pack) throw new ApiError(404, 'policy_not_found', { id: params.id });
  return reply(200, policyDocumentOf(pack), CACHE_FOR_AN_HOUR);
});
