/** POST /api/me/permit/endorsements: endorse (签注) the permit; the card as it now stands. */
import { endorsePermit } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { holderCard } from './card.ts';
import { endorsePermit as endorse } from './endorsing.ts';

export const handler = httpHandler(endorsePermit, async ({ caller, body, event }) => holderCard(await endorse(caller.id, body.holder, body.version), event));
