/** Not built yet. */
import { listHouses } from '#shared/api/landlord';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

export const handler = httpHandler(listHouses, async () => {
  throw new ApiError(501, 'not_implemented');
});
