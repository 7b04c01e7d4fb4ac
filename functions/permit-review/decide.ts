/** POST /api/officer/permit-applications/{id}/decision: accept, approve (issuing the permit), return or reject. */
import { decidePermitApplication } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { stationOf } from '#functions/review/station';
import { applicationView } from '#functions/permit/views';
import { decideApplication } from './deciding.ts';

export const handler = httpHandler(decidePermitApplication, async ({ caller, params, body }) => {
  const station = await stationOf(caller);
  return applicationView(await decideApplication(params.id, body, caller, station));
});
