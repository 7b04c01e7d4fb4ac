/** GET /api/landlord/houses/{id}: a house of the caller with its duties, agents (for the owner) and tenancies. */
import { getHouse } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { houseDetail } from './houses.ts';
import { houseView, tenancyView } from './views.ts';

export const handler = httpHandler(getHouse, async ({ caller, params }) => {
  const { house, role, agents, tenancies } = await houseDetail(caller, params.id);
  const now = currentInstant();
  return { ...houseView(house, role, agents), tenancies: tenancies.map((t) => tenancyView(t, now)) };
});
