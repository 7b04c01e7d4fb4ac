/** GET /api/me/declarations/deadline: what applies to declaring at a street on a move-in date, before submitting. */
import { previewDeadline } from '#shared/api/residence';
import { packForDivision } from '#shared/policy/registry';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { divisionPath } from '#functions/policy/divisions';
import { registrationDeadline, registrationDocuments } from './deadlines.ts';
import { stationFor } from './places.ts';
import { currentInstant } from '#functions/commons/clock';

export const handler = httpHandler(previewDeadline, async ({ query }) => {
  const path = await divisionPath(query.division);
  if (!path) throw new ApiError(404, 'division_not_found', { code: query.division });
  const pack = packForDivision(query.division);
  const rule = query.change === 'true' ? 'registration.changeDeadline' : 'registration.deadline';
  const [station, deadline] = await Promise.all([
    stationFor(query.division),
    registrationDeadline(pack, rule, query.moveInDate, currentInstant()),
  ]);
  return { packId: pack.id, place: { division: query.division, path }, station: station ?? null, deadline, ...registrationDocuments(pack) };
});
