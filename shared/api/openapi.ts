/** The OpenAPI 3.1 document, generated from the route contracts (the zod schemas are the source). */
import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodObject } from 'zod';
import type { ApiContract } from './route.ts';
import { ApiErrorBody } from './errors.ts';
import { condition } from '#shared/policy/schema';

/**
 * Recursive schemas must be components: the generator follows a `z.lazy` by its reference id,
 * and without one it recurses until the stack overflows.
 */
const RECURSIVE_COMPONENTS = { PolicyCondition: condition } as const;
for (const [refId, schema] of Object.entries(RECURSIVE_COMPONENTS)) {
  if (!zodToOpenAPIRegistry.has(schema)) zodToOpenAPIRegistry.add(schema, { _internal: { refId } });
}

export interface DocumentedRoute {
  id: string;
  contract: ApiContract;
  localOnly?: boolean;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ApiErrorBody } },
});

export function buildOpenApiDocument(routes: readonly DocumentedRoute[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const { id, contract, localOnly } of routes) {
    const isPublic = contract.access === 'public';
    registry.registerPath({
      operationId: id,
      method: contract.method.toLowerCase() as 'get',
      path: contract.path,
      summary: contract.summary,
      tags: [contract.tag],
      ...(isPublic ? {} : { security: [{ bearer: [] }], 'x-roles': contract.access }),
      ...(localOnly ? { 'x-local-only': true } : {}),
      request: {
        ...(contract.body ? { body: { required: true, content: { 'application/json': { schema: contract.body } } } } : {}),
        ...(contract.query ? { query: contract.query as ZodObject } : {}),
        ...(contract.params ? { params: contract.params as ZodObject } : {}),
      },
      responses: {
        [String(contract.status ?? 200)]: {
          description: 'Success',
          content: { [contract.contentType ?? 'application/json']: { schema: contract.response } },
        },
        ...(contract.body || contract.query || contract.params ? { 400: errorResponse('Invalid request: the fields are named') } : {}),
        ...(isPublic ? {} : { 401: errorResponse('No valid token'), 403: errorResponse('The caller’s role may not do this') }),
        500: errorResponse('Internal error (no detail is given)'),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Migrant resident service portal API',
      version: '1',
      description: 'Residence registration, residence permits, landlord and employer reports, officer back office.',
    },
    servers: [{ url: '/' }],
  });
}
