/** DELETE /api/me/permit/cancellation: withdraw a cancellation that has not taken effect. */
import { withdrawCancellation } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { holderCard } from './card.ts';
import { withdrawCancellation as withdraw } from './cancelling.ts';

export const handler = httpHandler(withdrawCancellation, async ({ caller, query, event }) => holderCard(await withdraw(caller.id, query.holder), event));
