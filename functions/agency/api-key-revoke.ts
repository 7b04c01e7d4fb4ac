/** DELETE /api/agency/api-keys/{id}: the key stops working at once. */
import { revokeApiKey } from '#shared/api/agency';
import { httpHandler } from '#functions/commons/http/handler';
import { revokeApiKey as revoke } from './api-keys.ts';

export const handler = httpHandler(revokeApiKey, async ({ caller, params }) => {
  await revoke(caller, params.id);
  return { revoked: true as const };
});
