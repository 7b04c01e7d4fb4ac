/** GET /api/me/tenancies: tenancies reported for the caller (by ID number or phone) and the caller's own requests at rental houses. */
import { listMyTenancies } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { standingOf, tenanciesOfCaller, tenantOf } from './tenants.ts';
import { tenantTenancyView } from './views.ts';

export const handler = httpHandler(listMyTenancies, async ({ caller }) => {
  const tenant = await tenantOf(caller);
  const now = currentInstant();
  const items = await tenanciesOfCaller(tenant);
  return { items: items.map(({ tenancy, house }) => tenantTenancyView(tenancy, house, standingOf(tenancy, tenant), now)) };
});
