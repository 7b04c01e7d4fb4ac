/** GET /api/admin/organisations: organisations, newest first, a page at a time. */
import { listOrganisations } from '#shared/api/organisations';
import { httpHandler } from '#functions/commons/http/handler';
import { organisationsPage, organisationView } from './organisations.ts';

export const handler = httpHandler(listOrganisations, async ({ query }) => {
  const page = await organisationsPage(query.limit, query.cursor);
  return { items: page.items.map(organisationView), ...(page.cursor ? { cursor: page.cursor } : {}) };
});
