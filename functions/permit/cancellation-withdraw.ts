/** Placeholder until the route is built: answers 501. */
import { withdrawCancellation } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { ApiError } from '#functions/commons/errors';

export const handler = httpHandler(withdrawCancellation, async () => {
  throw new ApiError(501, 'not_implemented');
});
