import * as z from 'zod';
import { contract } from './route.ts';

export const health = contract({
  method: 'GET',
  path: '/api/health',
  access: 'public',
  tag: 'system',
  summary: 'Liveness: answers once the database answers',
  response: z.object({ status: z.literal('ok') }),
});

export const openApiDocument = contract({
  method: 'GET',
  path: '/api/openapi.json',
  access: 'public',
  tag: 'system',
  summary: 'This API as an OpenAPI 3.1 document',
  response: z.record(z.string(), z.unknown()),
});
