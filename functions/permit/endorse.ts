/** Placeholder until the route is built: answers 501. */
import { endorsePermit } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { ApiError } from '#functions/commons/errors';

export const handler = httpHandler(endorsePermit, async () => {
  throw new ApiError(501, 'not_implemented');
});
