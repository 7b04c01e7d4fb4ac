/** POST /api/me/children: add an accompanying child under 16 (at most MAX_CHILDREN). */
import { addChild as addChildContract } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { addChild, childView } from './children.ts';

export const handler = httpHandler(addChildContract, async ({ caller, body }) => childView(await addChild(caller.id, body)));
