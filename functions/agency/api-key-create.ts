/** POST /api/agency/api-keys: a new key for the organisation's systems; the key is in this answer and nowhere else. */
import { createApiKey } from '#shared/api/agency';
import { httpHandler } from '#functions/commons/http/handler';
import { createApiKey as create, apiKeyView } from './api-keys.ts';

export const handler = httpHandler(createApiKey, async ({ caller, body }) => {
  const { item, secret } = await create(caller, body.name);
  return { key: apiKeyView(item), secret };
});
