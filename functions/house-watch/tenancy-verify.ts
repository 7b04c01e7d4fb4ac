/** POST /api/officer/tenancies/{id}/verification: the officer verifies a landlord's report the tenant has not confirmed. */
import { verifyTenancy } from '#shared/api/house-watch';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { tenancyView } from '#functions/landlord/views';
import { stationOf } from '#functions/review/station';
import { stayOf } from '#functions/tenancy/registration';
import { verifyReport } from './verifying.ts';

export const handler = httpHandler(verifyTenancy, async ({ caller, params, body }) => {
  const station = await stationOf(caller);
  return tenancyView(await verifyReport(caller, station, params.id, body.version, stayOf(body)), currentInstant());
});
