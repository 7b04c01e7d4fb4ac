/** POST /api/landlord/houses/{id}/agents: the owner authorises an agent by phone number. */
import { addAgent } from '#shared/api/landlord';
import { httpHandler } from '#functions/commons/http/handler';
import { addAgent as add } from './agents.ts';
import { agentView } from './views.ts';

export const handler = httpHandler(addAgent, async ({ caller, params, body }) => agentView(await add(caller, params.id, body.phone)));
