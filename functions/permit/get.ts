/** GET /api/me/permit: eligibility, the latest application and the electronic permit of the caller and each child. */
import { getPermit } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { siteOrigin } from './card.ts';
import { permitOverview } from './overview.ts';

export const handler = httpHandler(getPermit, async ({ caller, language, event }) => permitOverview(caller.id, language, siteOrigin(event)));
