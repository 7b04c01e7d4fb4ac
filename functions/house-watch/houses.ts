/** GET /api/officer/houses: the station's rental houses by street, or only those over capacity, a page at a time. */
import { listStationHouses } from '#shared/api/house-watch';
import { invalidField } from '#functions/commons/errors';
import { tableName } from '#functions/commons/environment';
import { httpHandler } from '#functions/commons/http/handler';
import { coversStreet, stationOf } from '#functions/review/station';
import { housesQueryInput, housesStartKey, type HouseSelection } from './pages.ts';
import { queryPage } from './records.ts';
import { stationHouseRow, type StationHouseSource } from './views.ts';

export const handler = httpHandler(listStationHouses, async ({ caller, query }) => {
  const station = await stationOf(caller);
  if (query.street && !coversStreet(station, query.street)) throw invalidField('street', 'validation.streetNotInStation');
  const selection: HouseSelection = { stationId: station.id, overCapacity: query.overCapacity === 'true', ...(query.street ? { street: query.street } : {}) };
  const start = housesStartKey(query.cursor, selection);
  const page = await queryPage<StationHouseSource>(housesQueryInput(tableName(), selection, query.limit, start));
  return { items: page.items.map(stationHouseRow), ...(page.cursor ? { cursor: page.cursor } : {}) };
});
