/** POST /api/admin/organisations: the administrator registers an organisation (credit code checked and unique). */
import { createOrganisation } from '#shared/api/organisations';
import { httpHandler } from '#functions/commons/http/handler';
import { createOrganisation as create, organisationView } from './organisations.ts';

export const handler = httpHandler(createOrganisation, async ({ body, caller }) => organisationView(await create(body, caller)));
