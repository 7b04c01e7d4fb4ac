/** POST /api/officer/declarations/{id}/citizen-id: the full ID number, for a stated purpose, audited first. */
import { revealCitizenId } from '#shared/api/review';
import { httpHandler } from '#functions/commons/http/handler';
import { now } from '#functions/commons/clock';
import { stationOf } from './station.ts';
import { declarationOfStation, profileOf } from './declarations.ts';
import { recordAccess } from './audit.ts';

export const handler = httpHandler(revealCitizenId, async ({ caller, params, body }) => {
  const station = await stationOf(caller);
  const declaration = await declarationOfStation(params.id, station);
  const profile = await profileOf(declaration.accountId);
  // If this write fails the request fails: the number is never shown without its audit record.
  await recordAccess({
    action: 'revealCitizenId',
    officerId: caller.id,
    stationId: station.id,
    accountId: declaration.accountId,
    declarationId: declaration.id,
    at: new Date(now()).toISOString(),
    purpose: body.purpose,
  });
  return { citizenId: profile.citizenId };
});
