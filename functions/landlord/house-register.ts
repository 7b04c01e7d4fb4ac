/** POST /api/landlord/houses: register a rental house (idempotent with an Idempotency-Key). */
import { registerHouse } from '#shared/api/landlord';
import { httpHandler } from '#functions/commons/http/handler';
import { fingerprint, idempotencyKeyOf } from '#functions/residence/idempotency';
import { registerHouse as register } from './houses.ts';
import { houseView } from './views.ts';

export const handler = httpHandler(registerHouse, async ({ caller, body, event }) => {
  const key = idempotencyKeyOf(event);
  const house = await register({ caller, input: body, ...(key ? { idempotency: { key, fingerprint: fingerprint(body) } } : {}) });
  return houseView(house, 'owner', []);
});
