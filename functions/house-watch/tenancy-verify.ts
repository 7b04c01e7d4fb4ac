/** Not built yet. */
import { verifyTenancy } from '#shared/api/house-watch';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

export const handler = httpHandler(verifyTenancy, async () => {
  throw new ApiError(501, 'not_implemented');
});
