/** Not built yet. */
import { listOverdueReports } from '#shared/api/house-watch';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

export const handler = httpHandler(listOverdueReports, async () => {
  throw new ApiError(501, 'not_implemented');
});
