/** GET /api/officer/houses/{id}: a house of the station with its landlord, agents, tenancies and history; every read is audited. */
import { getStationHouse } from '#shared/api/house-watch';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { recordAccess } from '#functions/review/audit';
import { stationOf } from '#functions/review/station';
import { houseOfStation, houseParts } from './records.ts';
import { houseRecord } from './views.ts';

export const handler = httpHandler(getStationHouse, async ({ caller, params }) => {
  const station = await stationOf(caller);
  const house = await houseOfStation(params.id, station);
  const at = currentInstant();
  const parts = await houseParts(house, at);
  // Recorded before anything is returned: a read that could not be audited shows nothing. The
  // house's record is its owner's data (and their tenants'), so the event is under the owner.
  await recordAccess({
    action: 'viewHouse',
    officerId: caller.id,
    stationId: station.id,
    accountId: house.owner.accountId,
    houseId: house.id,
    at: at.toISOString(),
  });
  return houseRecord(parts);
});
