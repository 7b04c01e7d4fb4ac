/** POST /api/me/uploads: a presigned PUT for one proof file of a checked type and size. */
import { createUpload } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { createUploadTicket } from './uploads.ts';

export const handler = httpHandler(createUpload, async ({ caller, body }) => createUploadTicket(caller.id, body));
