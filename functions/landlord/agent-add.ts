/** Not built yet. */
import { addAgent } from '#shared/api/landlord';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

export const handler = httpHandler(addAgent, async () => {
  throw new ApiError(501, 'not_implemented');
});
