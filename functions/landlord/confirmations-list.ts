/** GET /api/landlord/confirmations: tenants' requests waiting for the caller's answer, the one due first at the top. */
import { listConfirmations } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { requestsOfCaller } from './confirming.ts';
import { confirmationView } from './views.ts';

export const handler = httpHandler(listConfirmations, async ({ caller }) => {
  const now = currentInstant();
  return { items: (await requestsOfCaller(caller)).map(({ tenancy, house }) => confirmationView(tenancy, house, now)) };
});
