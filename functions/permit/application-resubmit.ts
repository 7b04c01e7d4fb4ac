/** PUT /api/me/permit/applications/{id}: correct a returned application (补正) and submit it again. */
import { resubmitPermitApplication } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { resubmitApplication } from './applying.ts';
import { applicationView } from './views.ts';

export const handler = httpHandler(resubmitPermitApplication, async ({ caller, params, body }) =>
  applicationView(await resubmitApplication(caller.id, params.id, body)),
);
