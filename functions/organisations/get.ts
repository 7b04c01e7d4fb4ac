/** GET /api/admin/organisations/{id}: an organisation and its users. */
import { getOrganisation } from '#shared/api/organisations';
import { httpHandler } from '#functions/commons/http/handler';
import { organisationNotFound, organisationUsers, organisationUserView, organisationView, readOrganisation } from './organisations.ts';

export const handler = httpHandler(getOrganisation, async ({ params }) => {
  const [organisation, users] = await Promise.all([readOrganisation(params.id), organisationUsers(params.id)]);
  if (!organisation) throw organisationNotFound();
  return { organisation: organisationView(organisation), users: users.map(organisationUserView) };
});
