/**
 * GET /api/houses/by-code/{code}: the house a tenant scanned or typed the code of, to start a
 * declaration there. The code is read as people type it (case, spaces, dashes, O for 0); what is
 * shown is the address, not who lives there.
 */
import { houseByCode } from '#shared/api/landlord';
import { normaliseHouseCode } from '#shared/landlord/house';
import { httpHandler } from '#functions/commons/http/handler';
import { houseNotFound, readHouse } from '#functions/landlord/records';
import { houseForTenant } from './views.ts';

export const handler = httpHandler(houseByCode, async ({ params }) => {
  const code = normaliseHouseCode(params.code);
  const house = code ? await readHouse(code) : undefined;
  if (!house) throw houseNotFound();
  return houseForTenant(house);
});
