import { openApiDocument } from '#shared/api/system';
import { buildOpenApiDocument } from '#shared/api/openapi';
import { httpHandler } from '#functions/commons/http/handler';
import { routes } from '#infra/routes';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(openApiDocument, async () => {
  document ??= buildOpenApiDocument(routes);
  return document as unknown as Record<string, unknown>;
});
