/** POST /api/me/tenancies/{id}/confirmation: the tenant confirms the landlord's report (registered at once) or says it is not theirs. */
import { confirmTenancy } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { answerReport } from './confirming.ts';
import { tenantTenancyView } from './views.ts';

export const handler = httpHandler(confirmTenancy, async ({ caller, params, body }) => {
  const { tenancy, house } = await answerReport(caller, params.id, body);
  // Answered: nothing is left for the caller to confirm.
  return tenantTenancyView(tenancy, house, { canConfirm: false, needsProfile: false }, currentInstant());
});
