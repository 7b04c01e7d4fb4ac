/** GET /api/officer/declarations/{id}: a declaration of the station with the person's data; every read is audited. */
import { getForReview } from '#shared/api/review';
import { httpHandler } from '#functions/commons/http/handler';
import { now } from '#functions/commons/clock';
import { stationOf } from './station.ts';
import { declarationOfStation, reviewParts } from './declarations.ts';
import { recordAccess } from './audit.ts';
import { reviewView } from './views.ts';

export const handler = httpHandler(getForReview, async ({ caller, params }) => {
  const station = await stationOf(caller);
  const declaration = await declarationOfStation(params.id, station);
  const parts = await reviewParts(declaration);
  // Recorded before anything is returned: a read that could not be audited shows nothing.
  await recordAccess({
    action: 'viewDeclaration',
    officerId: caller.id,
    stationId: station.id,
    accountId: declaration.accountId,
    declarationId: declaration.id,
    at: new Date(now()).toISOString(),
  });
  return reviewView(parts);
});
