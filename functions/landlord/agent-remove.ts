/** DELETE /api/landlord/houses/{id}/agents/{agentId}: the owner withdraws an agent's authority. */
import { removeAgent } from '#shared/api/landlord';
import { httpHandler } from '#functions/commons/http/handler';
import { removeAgent as remove } from './agents.ts';

export const handler = httpHandler(removeAgent, async ({ caller, params }) => {
  await remove(caller, params.id, params.agentId);
  return { removed: true as const };
});
