/** GET /api/me/messages: the caller's messages in the request's language. */
import { listMessages as listMessagesContract } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { listMessages } from './messages.ts';

export const handler = httpHandler(listMessagesContract, async ({ caller, query, language }) => listMessages(caller.id, query.cursor, query.limit, language));
