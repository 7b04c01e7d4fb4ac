import { listPolicies } from '#shared/api/policies';
import { httpHandler } from '#functions/commons/http/handler';
import { reply } from '#functions/commons/http/response';
import { policySummaries } from './documents.ts';
import { CACHE_FOR_AN_HOUR } from './caching.ts';

export const handler = httpHandler(listPolicies, async () => reply(200, { packs: policySummaries() }, CACHE_FOR_AN_HOUR));
