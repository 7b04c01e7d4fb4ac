/** PATCH /api/landlord/houses/{id}: correct a house (owner or agent) at the version seen. */
import { updateHouse } from '#shared/api/landlord';
import { httpHandler } from '#functions/commons/http/handler';
import { agentsOf } from './access.ts';
import { updateHouse as update } from './houses.ts';
import { houseView } from './views.ts';

export const handler = httpHandler(updateHouse, async ({ caller, params, body }) => {
  const { house, role } = await update(caller, params.id, body);
  return houseView(house, role, role === 'owner' ? await agentsOf(house.id) : []);
});
