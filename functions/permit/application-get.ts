/** GET /api/me/permit/applications/{id}: one of the caller's applications with its timeline. */
import { getPermitApplication } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { ownApplication } from './records.ts';
import { applicationView } from './views.ts';

export const handler = httpHandler(getPermitApplication, async ({ caller, params }) => applicationView(await ownApplication(caller.id, params.id)));
