/** Placeholder until the route is built: answers 501. */
import { listPermitApplications } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { ApiError } from '#functions/commons/errors';

export const handler = httpHandler(listPermitApplications, async () => {
  throw new ApiError(501, 'not_implemented');
});
