/** Not built yet. */
import { decideConfirmation } from '#shared/api/landlord';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

export const handler = httpHandler(decideConfirmation, async () => {
  throw new ApiError(501, 'not_implemented');
});
