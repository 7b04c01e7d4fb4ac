/** Not built yet. */
import { listStationHouses } from '#shared/api/house-watch';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

export const handler = httpHandler(listStationHouses, async () => {
  throw new ApiError(501, 'not_implemented');
});
