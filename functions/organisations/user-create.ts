/**
 * POST /api/admin/organisations/{id}/users: a user of the organisation (its administrator when
 * `orgAdmin`), with a generated initial password that is in this answer only.
 */
import { createOrganisationUser } from '#shared/api/organisations';
import { httpHandler } from '#functions/commons/http/handler';
import { addOrganisationUser, initialPassword, organisationNotFound, organisationUserView, readOrganisation } from './organisations.ts';

export const handler = httpHandler(createOrganisationUser, async ({ params, body }) => {
  const organisation = await readOrganisation(params.id);
  if (!organisation) throw organisationNotFound();
  const password = initialPassword();
  const user = await addOrganisationUser(organisation, body, password);
  return { user: organisationUserView(user), initialPassword: password };
});
