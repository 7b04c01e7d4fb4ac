/** POST /api/officer/declarations/{id}/decision: verify or return a submitted declaration. */
import { decide } from '#shared/api/review';
import { httpHandler } from '#functions/commons/http/handler';
import { stationOf } from './station.ts';
import { decideDeclaration } from './decisions.ts';
import { reviewParts } from './declarations.ts';
import { reviewView } from './views.ts';

export const handler = httpHandler(decide, async ({ caller, params, body }) => {
  const station = await stationOf(caller);
  const { declaration, profile } = await decideDeclaration(params.id, body, caller, station);
  return reviewView(await reviewParts(declaration, profile));
});
