/** GET /api/landlord/houses: 我的房屋, the houses the caller owns or is an agent of, with their current tenants. */
import { listHouses } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { housesWithTenants } from './houses.ts';
import { houseSummary } from './views.ts';

export const handler = httpHandler(listHouses, async ({ caller }) => {
  const now = currentInstant();
  const houses = await housesWithTenants(caller);
  return { items: houses.map(({ house, role, tenancies }) => houseSummary(house, role, tenancies, now)) };
});
