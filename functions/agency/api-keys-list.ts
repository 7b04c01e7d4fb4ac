/** GET /api/agency/api-keys: the organisation's keys (names and prefixes, never the keys), for its administrator. */
import { listApiKeys } from '#shared/api/agency';
import { httpHandler } from '#functions/commons/http/handler';
import { administeredOrganisation, apiKeysOf, apiKeyView } from './api-keys.ts';

export const handler = httpHandler(listApiKeys, async ({ caller }) => ({
  items: (await apiKeysOf(administeredOrganisation(caller))).map(apiKeyView),
}));
