import { policyForDivision } from '#shared/api/policies';
import { packForDivision } from '#shared/policy/registry';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { reply } from '#functions/commons/http/response';
import { divisionPath } from './divisions.ts';
import { policyDocumentOf } from './documents.ts';
import { CACHE_FOR_AN_HOUR } from './caching.ts';

export const handler = httpHandler(policyForDivision, async ({ params }) => {
  const path = await divisionPath(params.division);
  if (!path) throw new ApiError(404, 'division_not_found', { code: params.division });
  const document = policyDocumentOf(packForDivision(params.division));
  return reply(200, { ...document, division: { code: params.division, name: path.at(-1)!, path } }, CACHE_FOR_AN_HOUR);
});
